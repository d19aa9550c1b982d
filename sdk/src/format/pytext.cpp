#include "format/pytext_p.h"

#include <QChar>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace Aod::FormatPrivate {

bool isPySpace(char16_t c) noexcept
{
    // CPython's _Py_ascii_whitespace plus every character with bidirectional class WS, B or S
    // or category Zs (Unicode 14, the database of CPython 3.11 and of Qt 6.4). Notably *not*
    // U+200B, U+FEFF or U+180E.
    if (c <= 0x20)
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
    if (c < 0x85)
        return false;
    switch (c) {
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200a;
    }
}

bool isPyLineBreak(char16_t c) noexcept
{
    if (c <= 0x1e)
        return (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e);
    return c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool hasPyLineBreak(QStringView s) noexcept
{
    for (const QChar ch : s) {
        if (isPyLineBreak(ch.unicode()))
            return true;
    }
    return false;
}

QStringView pyStrip(QStringView s) noexcept
{
    qsizetype b = 0;
    qsizetype e = s.size();
    while (b < e && isPySpace(s[b].unicode()))
        ++b;
    while (e > b && isPySpace(s[e - 1].unicode()))
        --e;
    return s.mid(b, e - b);
}

QString pyCollapse(QStringView s)
{
    QString out;
    out.reserve(s.size());
    bool pendingSpace = false;
    for (const QChar ch : s) {
        if (isPySpace(ch.unicode())) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) {
            out.append(QLatin1Char(' '));
            pendingSpace = false;
        }
        out.append(ch);
    }
    return out;
}

qsizetype pyLen(QStringView s) noexcept
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i].isHighSurrogate() && s[i + 1].isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return n;
}

QString pyOneLine(QStringView s, int limit)
{
    QString flat = pyCollapse(s);
    if (pyLen(flat) <= limit)
        return flat;
    // Keep (limit - 1) code points, never splitting a surrogate pair.
    qsizetype units = 0;
    for (int kept = 0; kept < limit - 1 && units < flat.size(); ++kept) {
        const bool pair = units + 1 < flat.size() && flat[units].isHighSurrogate()
            && flat[units + 1].isLowSurrogate();
        units += pair ? 2 : 1;
    }
    flat.truncate(units);
    flat.append(QChar(0x2026));
    return flat;
}

namespace {

void appendHex(QString &out, char32_t v, int digits)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out.append(QLatin1Char(hex[(v >> shift) & 0xf]));
}

// str.isprintable() for one code point: not in Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (space aside).
bool isPyPrintable(char32_t cp)
{
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return cp == 0x20;
    default:
        return true;
    }
}

} // namespace

QString pyReprString(QStringView s)
{
    bool hasSingle = false;
    bool hasDouble = false;
    for (const QChar ch : s) {
        hasSingle = hasSingle || ch == QLatin1Char('\'');
        hasDouble = hasDouble || ch == QLatin1Char('"');
    }
    const char16_t quote = (hasSingle && !hasDouble) ? u'"' : u'\'';
    QString out;
    out.reserve(s.size() + 2);
    out.append(QChar(quote));
    for (qsizetype i = 0; i < s.size(); ++i) {
        char32_t cp = s[i].unicode();
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(s[i], s[i + 1]);
            ++i;
        }
        if (cp == quote || cp == u'\\') {
            out.append(QLatin1Char('\\'));
            out.append(QChar(char16_t(cp)));
        } else if (cp == u'\t') {
            out.append(QLatin1String("\\t"));
        } else if (cp == u'\n') {
            out.append(QLatin1String("\\n"));
        } else if (cp == u'\r') {
            out.append(QLatin1String("\\r"));
        } else if (cp < 0x20 || cp == 0x7f) {
            out.append(QLatin1String("\\x"));
            appendHex(out, cp, 2);
        } else if (cp < 0x7f) {
            out.append(QChar(char16_t(cp)));
        } else if (isPyPrintable(cp)) {
            if (QChar::requiresSurrogates(cp)) {
                out.append(QChar(QChar::highSurrogate(cp)));
                out.append(QChar(QChar::lowSurrogate(cp)));
            } else {
                out.append(QChar(char16_t(cp)));
            }
        } else if (cp <= 0xff) {
            out.append(QLatin1String("\\x"));
            appendHex(out, cp, 2);
        } else if (cp <= 0xffff) {
            out.append(QLatin1String("\\u"));
            appendHex(out, cp, 4);
        } else {
            out.append(QLatin1String("\\U"));
            appendHex(out, cp, 8);
        }
    }
    out.append(QChar(quote));
    return out;
}

namespace {

QString nonFinite(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan"); // CPython drops the sign of a NaN
    return v < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
}

} // namespace

QString pyFloatRepr(double v)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    // Shortest round-trip digits come from to_chars (the same digits as CPython's dtoa mode 0);
    // only the layout is Python's.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf - 1, v, std::chars_format::scientific);
    *res.ptr = '\0'; // to_chars does not terminate; atoi below needs it
    const char *p = buf;
    const char *end = res.ptr;
    QString out;
    if (*p == '-') {
        out.append(QLatin1Char('-'));
        ++p;
    }
    QByteArray digits;
    while (p < end && *p != 'e') {
        if (*p != '.')
            digits.append(*p);
        ++p;
    }
    const int exp10 = (p < end) ? std::atoi(p + 1) : 0;
    const int decpt = exp10 + 1; // the point sits after this many digits
    const int nd = int(digits.size());
    if (decpt <= -4 || decpt > 16) {
        out.append(QLatin1Char(digits[0]));
        if (nd > 1) {
            out.append(QLatin1Char('.'));
            out.append(QLatin1String(digits.constData() + 1, nd - 1));
        }
        out.append(QLatin1Char('e'));
        out.append(exp10 < 0 ? QLatin1Char('-') : QLatin1Char('+'));
        const int a = std::abs(exp10);
        if (a < 10)
            out.append(QLatin1Char('0'));
        out.append(QString::number(a));
    } else if (decpt <= 0) {
        out.append(QLatin1String("0."));
        out.append(QString(-decpt, QLatin1Char('0')));
        out.append(QLatin1String(digits));
    } else if (decpt >= nd) {
        out.append(QLatin1String(digits));
        out.append(QString(decpt - nd, QLatin1Char('0')));
        out.append(QLatin1String(".0"));
    } else {
        out.append(QLatin1String(digits.constData(), decpt));
        out.append(QLatin1Char('.'));
        out.append(QLatin1String(digits.constData() + decpt, nd - decpt));
    }
    return out;
}

QString pyFixed(double v, int precision)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    // The largest double has 309 integer digits; to_chars is exact and rounds half-to-even
    // on the binary value, which is what CPython's format() does.
    char buf[400];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, precision);
    return QString::fromLatin1(buf, res.ptr - buf);
}

} // namespace Aod::FormatPrivate
