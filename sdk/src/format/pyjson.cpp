#include "format/pyjson_p.h"

#include "format/pytext_p.h"

#include <QHash>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace Aod::FormatPrivate {

namespace {

inline bool isWs(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

inline int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

bool matches(QStringView s, qsizetype i, QLatin1StringView word)
{
    return s.size() - i >= word.size() && s.mid(i, word.size()) == word;
}

// --- validation: CPython's scanner (Modules/_json.c, strict mode) ---------------------------

// A string literal at s[i] == '"'; returns the position after it, or -1.
// Hot loops index a raw char16_t pointer: QStringView::operator[] is a call per character in
// unoptimised (Debug, sanitizer) builds, which made multi-megabyte lines crawl there.
qsizetype scanString(QStringView s, qsizetype i)
{
    const char16_t *d = s.utf16();
    const qsizetype n = s.size();
    ++i;
    while (i < n) {
        const char16_t c = d[i];
        if (c > u'\\') { // the common case: nothing special above the backslash
            ++i;
            continue;
        }
        if (c == u'"')
            return i + 1;
        if (c == u'\\') {
            if (i + 1 >= n)
                return -1;
            const char16_t e = d[i + 1];
            if (e == u'u') {
                if (i + 5 >= n) // four digits, then at least a closing quote
                    return -1;
                for (qsizetype k = i + 2; k < i + 6; ++k) {
                    if (hexValue(d[k]) < 0)
                        return -1;
                }
                i += 6;
                continue;
            }
            switch (e) {
            case u'"': case u'\\': case u'/': case u'b': case u'f': case u'n': case u'r': case u't':
                i += 2;
                continue;
            default:
                return -1;
            }
        }
        if (c < 0x20) // "Invalid control character"
            return -1;
        ++i;
    }
    return -1;
}

// A number at s[i] ('-' or a digit); returns the position after it, or -1.
qsizetype scanNumber(QStringView s, qsizetype i)
{
    const qsizetype n = s.size();
    if (s[i] == u'-') {
        ++i;
        if (i >= n)
            return -1;
    }
    if (s[i] >= u'1' && s[i] <= u'9') {
        ++i;
        while (i < n && isDigit(s[i].unicode()))
            ++i;
    } else if (s[i] == u'0') {
        ++i;
    } else {
        return -1;
    }
    if (i + 1 < n && s[i] == u'.' && isDigit(s[i + 1].unicode())) {
        i += 2;
        while (i < n && isDigit(s[i].unicode()))
            ++i;
    }
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        const qsizetype eStart = i;
        ++i;
        if (i < n && (s[i] == u'-' || s[i] == u'+'))
            ++i;
        const qsizetype digits = i;
        while (i < n && isDigit(s[i].unicode()))
            ++i;
        if (i == digits)
            i = eStart; // Python backtracks; what is left then fails as extra data
    }
    return i;
}

qsizetype wsFrom(QStringView s, qsizetype i)
{
    const char16_t *d = s.utf16();
    const qsizetype n = s.size();
    while (i < n && isWs(d[i]))
        ++i;
    return i;
}

bool validate(QStringView s, qsizetype *rootPos)
{
    const qsizetype n = s.size();
    qsizetype i = wsFrom(s, 0);
    *rootPos = i;
    std::vector<bool> stack; // true: object, false: array. One bit per level.
    enum class State { Value, Key, After } state = State::Value;
    for (;;) {
        switch (state) {
        case State::Value: {
            if (i >= n)
                return false;
            const char16_t c = s[i].unicode();
            switch (c) {
            case u'{':
                i = wsFrom(s, i + 1);
                if (i < n && s[i] == u'}') {
                    ++i;
                    state = State::After;
                } else {
                    stack.push_back(true);
                    state = State::Key;
                }
                continue;
            case u'[':
                i = wsFrom(s, i + 1);
                if (i < n && s[i] == u']') {
                    ++i;
                    state = State::After;
                } else {
                    stack.push_back(false);
                }
                continue;
            case u'"':
                i = scanString(s, i);
                break;
            case u'n':
                i = matches(s, i, QLatin1StringView("null")) ? i + 4 : -1;
                break;
            case u't':
                i = matches(s, i, QLatin1StringView("true")) ? i + 4 : -1;
                break;
            case u'f':
                i = matches(s, i, QLatin1StringView("false")) ? i + 5 : -1;
                break;
            case u'N':
                i = matches(s, i, QLatin1StringView("NaN")) ? i + 3 : -1;
                break;
            case u'I':
                i = matches(s, i, QLatin1StringView("Infinity")) ? i + 8 : -1;
                break;
            case u'-':
                i = matches(s, i, QLatin1StringView("-Infinity")) ? i + 9 : scanNumber(s, i);
                break;
            default:
                i = isDigit(c) ? scanNumber(s, i) : -1;
                break;
            }
            if (i < 0)
                return false;
            state = State::After;
            continue;
        }
        case State::Key:
            if (i >= n || s[i] != u'"')
                return false;
            i = scanString(s, i);
            if (i < 0)
                return false;
            i = wsFrom(s, i);
            if (i >= n || s[i] != u':')
                return false;
            i = wsFrom(s, i + 1);
            state = State::Value;
            continue;
        case State::After:
            i = wsFrom(s, i);
            if (stack.empty())
                return i == n; // anything else is "Extra data"
            if (i >= n)
                return false;
            if (stack.back()) {
                if (s[i] == u'}') {
                    stack.pop_back();
                    ++i;
                } else if (s[i] == u',') {
                    i = wsFrom(s, i + 1);
                    state = State::Key;
                } else {
                    return false;
                }
            } else {
                if (s[i] == u']') {
                    stack.pop_back();
                    ++i;
                } else if (s[i] == u',') {
                    i = wsFrom(s, i + 1);
                    state = State::Value;
                } else {
                    return false;
                }
            }
            continue;
        }
    }
}

// --- numbers ----------------------------------------------------------------------------------

// Decimal text -> double, correctly rounded (from_chars), overflow to +-inf and underflow to
// +-0.0 as CPython's float() does.
double decimalToDouble(QStringView token)
{
    std::string buf;
    buf.reserve(size_t(token.size()));
    for (const QChar ch : token)
        buf.push_back(char(ch.unicode()));
    double v = 0;
    const auto res = std::from_chars(buf.data(), buf.data() + buf.size(), v,
                                     std::chars_format::general);
    if (res.ec == std::errc())
        return v;
    // Out of range: the decimal exponent of the first significant digit says which way.
    const bool negative = !buf.empty() && buf[0] == '-';
    size_t k = negative ? 1 : 0;
    qint64 intDigits = 0;
    qint64 index = 0;       // position among all mantissa digits
    qint64 firstNonZero = -1;
    bool seenPoint = false;
    for (; k < buf.size() && buf[k] != 'e' && buf[k] != 'E'; ++k) {
        if (buf[k] == '.') {
            seenPoint = true;
            continue;
        }
        if (!seenPoint)
            ++intDigits;
        if (firstNonZero < 0 && buf[k] != '0')
            firstNonZero = index;
        ++index;
    }
    qint64 exp = 0;
    if (k < buf.size()) {
        ++k;
        const bool expNeg = k < buf.size() && buf[k] == '-';
        if (k < buf.size() && (buf[k] == '-' || buf[k] == '+'))
            ++k;
        for (; k < buf.size(); ++k) {
            if (exp < 1'000'000'000'000)
                exp = exp * 10 + (buf[k] - '0');
        }
        if (expNeg)
            exp = -exp;
    }
    const bool found = firstNonZero >= 0;
    const qint64 sciExp = (firstNonZero < intDigits ? intDigits - 1 - firstNonZero
                                                    : -(firstNonZero - intDigits + 1)) + exp;
    const bool overflow = found && sciExp > 0;
    const double mag = overflow ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -mag : mag;
}

// The end of the value at pos in validated text (no recursion: depth is only counted).
qsizetype skipValue(QStringView s, qsizetype pos)
{
    const char16_t *d = s.utf16();
    // The rest of a string whose opening quote is at i - 1: the position after its closing quote.
    auto stringEnd = [d](qsizetype i) {
        for (;;) {
            const char16_t c = d[i];
            if (c == u'"')
                return i + 1;
            i += (c == u'\\') ? 2 : 1;
        }
    };
    switch (d[pos]) {
    case u'"':
        return stringEnd(pos + 1);
    case u'{':
    case u'[': {
        qsizetype depth = 0;
        qsizetype i = pos;
        for (;;) {
            const char16_t c = d[i];
            if (c == u'"') {
                i = stringEnd(i + 1);
                continue;
            }
            if (c == u'{' || c == u'[') {
                ++depth;
            } else if (c == u'}' || c == u']') {
                if (--depth == 0)
                    return i + 1;
            }
            ++i;
        }
    }
    case u'n':
    case u't':
        return pos + 4;
    case u'f':
        return pos + 5;
    case u'N':
        return pos + 3;
    case u'I':
        return pos + 8;
    default: // a number or -Infinity
        if (matches(s, pos, QLatin1StringView("-Infinity")))
            return pos + 9;
        return scanNumber(s, pos);
    }
}

} // namespace

// --- PyValue ----------------------------------------------------------------------------------

PyValue PyValue::parse(QStringView text, bool *ok)
{
    qsizetype root = -1;
    const bool valid = validate(text, &root);
    if (ok)
        *ok = valid;
    return valid ? PyValue(text, root) : PyValue();
}

qsizetype PyValue::skipWs(qsizetype pos) const
{
    return wsFrom(m_doc, pos);
}

qsizetype PyValue::skip(qsizetype pos) const
{
    return skipValue(m_doc, pos);
}

QStringView PyValue::token() const
{
    return exists() ? m_doc.mid(m_pos, skip(m_pos) - m_pos) : QStringView();
}

PyValue::Type PyValue::type() const
{
    if (!exists())
        return Type::Missing;
    switch (m_doc[m_pos].unicode()) {
    case u'"': return Type::String;
    case u'[': return Type::Array;
    case u'{': return Type::Object;
    case u'n': return Type::Null;
    case u't': return Type::True;
    case u'f': return Type::False;
    case u'N':
    case u'I': return Type::Float;
    default: break;
    }
    const QStringView t = token();
    for (const QChar ch : t) {
        if (ch == u'.' || ch == u'e' || ch == u'E' || ch == u'I')
            return Type::Float;
    }
    return Type::Int;
}

bool PyValue::isBool() const
{
    const Type t = type();
    return t == Type::True || t == Type::False;
}

bool PyValue::isNumber() const
{
    const Type t = type();
    return t == Type::Int || t == Type::Float;
}

bool PyValue::truthy() const
{
    switch (type()) {
    case Type::Missing:
    case Type::Null:
    case Type::False:
        return false;
    case Type::True:
        return true;
    case Type::Int: {
        const QStringView t = token();
        return !(t == QLatin1StringView("0") || t == QLatin1StringView("-0"));
    }
    case Type::Float:
        return toDouble() != 0.0; // NaN compares unequal: true, as in Python
    case Type::String:
        return m_doc[m_pos + 1] != u'"';
    case Type::Array:
        return m_doc[skipWs(m_pos + 1)] != u']';
    case Type::Object:
        return m_doc[skipWs(m_pos + 1)] != u'}';
    }
    return false;
}

bool PyValue::equals(QLatin1StringView s) const
{
    if (!isString())
        return false;
    const qsizetype end = skip(m_pos);
    const QStringView raw = m_doc.mid(m_pos + 1, end - m_pos - 2);
    if (!raw.contains(u'\\'))
        return raw == s;
    return pyDecodeString(m_doc, m_pos, end) == s;
}

QString PyValue::toString() const
{
    if (!isString())
        return QString();
    return pyDecodeString(m_doc, m_pos, skip(m_pos));
}

double PyValue::toDouble() const
{
    switch (type()) {
    case Type::True:
        return 1.0;
    case Type::False:
        return 0.0;
    case Type::Int:
        return decimalToDouble(token());
    case Type::Float: {
        const QStringView t = token();
        if (t == QLatin1StringView("NaN"))
            return std::numeric_limits<double>::quiet_NaN();
        if (t == QLatin1StringView("Infinity"))
            return std::numeric_limits<double>::infinity();
        if (t == QLatin1StringView("-Infinity"))
            return -std::numeric_limits<double>::infinity();
        return decimalToDouble(t);
    }
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

double PyValue::dividedBy1000() const
{
    if (type() != Type::Int)
        return toDouble() / 1000.0; // float / int: an IEEE division, as in Python
    // int / int is correctly rounded in Python, even past 2**53: shift the decimal point of
    // the exact digits and let the correctly rounded decimal conversion do the rest.
    const QStringView t = token();
    const bool negative = t.startsWith(u'-');
    const QStringView digits = negative ? t.mid(1) : t;
    QString shifted;
    if (negative)
        shifted.append(QLatin1Char('-'));
    if (digits.size() > 3) {
        shifted.append(digits.left(digits.size() - 3));
        shifted.append(QLatin1Char('.'));
        shifted.append(digits.right(3));
    } else {
        shifted.append(QLatin1String("0."));
        shifted.append(QString(3 - digits.size(), QLatin1Char('0')));
        shifted.append(digits);
    }
    return decimalToDouble(shifted);
}

QString PyValue::reprScalar() const
{
    switch (type()) {
    case Type::Missing:
    case Type::Null:
        return QStringLiteral("None");
    case Type::True:
        return QStringLiteral("True");
    case Type::False:
        return QStringLiteral("False");
    case Type::Int: {
        const QStringView t = token();
        return t == QLatin1StringView("-0") ? QStringLiteral("0") : t.toString();
    }
    case Type::Float:
        return pyFloatRepr(toDouble());
    case Type::String:
        return pyReprString(toString());
    case Type::Array:
    case Type::Object:
        break;
    }
    return QString();
}

QString PyValue::str() const
{
    switch (type()) {
    case Type::String:
        return toString();
    case Type::Array:
    case Type::Object:
        return repr();
    default:
        return reprScalar();
    }
}

namespace {

// The containers under a value, indexed in one linear pass, so that repr() of a deeply nested
// value costs linear time (walking PyValue views level by level would rescan each subtree once
// per level: quadratic at 10^5 levels).
struct TreeNode
{
    qsizetype pos;         // the value
    qsizetype keyPos;      // its key's opening quote when the parent is an object, else -1
    qsizetype keyEnd;
    int first = -1;        // first child
    int last = -1;         // last child
    int next = -1;         // next sibling
};

std::vector<TreeNode> buildTree(QStringView s, qsizetype pos)
{
    std::vector<TreeNode> nodes;
    std::vector<int> open; // containers not closed yet
    qsizetype i = pos;
    qsizetype keyPos = -1;
    qsizetype keyEnd = -1;
    auto readKey = [&] { // i at a key: note it, then move past the colon
        keyPos = i;
        keyEnd = skipValue(s, i);
        i = wsFrom(s, wsFrom(s, keyEnd) + 1);
    };
    for (;;) {
        const int n = int(nodes.size());
        nodes.push_back(TreeNode{i, keyPos, keyEnd});
        keyPos = keyEnd = -1;
        if (!open.empty()) {
            TreeNode &parent = nodes[size_t(open.back())];
            if (parent.last >= 0)
                nodes[size_t(parent.last)].next = n;
            else
                parent.first = n;
            parent.last = n;
        }
        const char16_t c = s[i].unicode();
        if (c == u'{' || c == u'[') {
            const qsizetype inner = wsFrom(s, i + 1);
            if (s[inner] != u'}' && s[inner] != u']') {
                open.push_back(n);
                i = inner;
                if (c == u'{')
                    readKey();
                continue;
            }
            i = inner + 1; // an empty container
        } else {
            i = skipValue(s, i);
        }
        // After a value: separators and closing brackets until the next value or the end.
        for (;;) {
            if (open.empty())
                return nodes;
            i = wsFrom(s, i);
            if (s[i] == u',') {
                i = wsFrom(s, i + 1);
                if (s[nodes[size_t(open.back())].pos] == u'{')
                    readKey();
                break;
            }
            open.pop_back(); // '}' or ']'
            ++i;
        }
    }
}

} // namespace

QString PyValue::repr() const
{
    const Type t = type();
    if (t != Type::Array && t != Type::Object)
        return reprScalar();

    const std::vector<TreeNode> nodes = buildTree(m_doc, m_pos);
    struct Frame
    {
        bool object;
        std::vector<std::pair<QString, int>> entries; // key (objects only), node
        size_t next = 0;
    };
    QString out;
    std::vector<Frame> stack;
    auto open = [&](int n) {
        Frame frame{m_doc[nodes[size_t(n)].pos] == u'{', {}, 0};
        out.append(frame.object ? QLatin1Char('{') : QLatin1Char('['));
        if (frame.object) {
            // dict order: each key where it first appears, with the last value given for it.
            QHash<QString, size_t> index;
            for (int c = nodes[size_t(n)].first; c >= 0; c = nodes[size_t(c)].next) {
                QString key = pyDecodeString(m_doc, nodes[size_t(c)].keyPos, nodes[size_t(c)].keyEnd);
                const auto it = index.constFind(key);
                if (it != index.constEnd()) {
                    frame.entries[*it].second = c;
                } else {
                    index.insert(key, frame.entries.size());
                    frame.entries.emplace_back(std::move(key), c);
                }
            }
        } else {
            for (int c = nodes[size_t(n)].first; c >= 0; c = nodes[size_t(c)].next)
                frame.entries.emplace_back(QString(), c);
        }
        stack.push_back(std::move(frame));
    };
    open(0);
    while (!stack.empty()) {
        Frame &top = stack.back();
        if (top.next == top.entries.size()) {
            out.append(top.object ? QLatin1Char('}') : QLatin1Char(']'));
            stack.pop_back();
            continue;
        }
        if (top.next > 0)
            out.append(QLatin1String(", "));
        const auto &entry = top.entries[top.next++];
        if (top.object) {
            out.append(pyReprString(entry.first));
            out.append(QLatin1String(": "));
        }
        const int child = entry.second; // copied: open() may reallocate the stack
        const PyValue v(m_doc, nodes[size_t(child)].pos);
        if (v.isArray() || v.isObject())
            open(child);
        else
            out.append(v.reprScalar());
    }
    return out;
}

qsizetype PyValue::pyLen() const
{
    switch (type()) {
    case Type::String:
        return FormatPrivate::pyLen(toString());
    case Type::Array: {
        qsizetype n = 0;
        forEachElement([&n](const PyValue &) { ++n; });
        return n;
    }
    case Type::Object: {
        const PyObject obj(*this);
        QHash<QString, bool> keys;
        for (qsizetype i = 0; i < obj.memberCount(); ++i)
            keys.insert(obj.key(i), true);
        return keys.size();
    }
    default:
        return -1;
    }
}

PyValue PyValue::get(QLatin1StringView key) const
{
    return PyObject(*this).get(key);
}

// --- PyObject ---------------------------------------------------------------------------------

PyObject::PyObject(const PyValue &value) : m_doc(value.m_doc)
{
    if (!value.isObject())
        return;
    qsizetype i = value.skipWs(value.m_pos + 1);
    if (m_doc[i] == u'}')
        return;
    for (;;) {
        Member m;
        m.keyPos = i;
        m.keyEnd = value.skip(i);
        m.keyEscaped = m_doc.mid(m.keyPos, m.keyEnd - m.keyPos).contains(u'\\');
        i = value.skipWs(m.keyEnd);
        i = value.skipWs(i + 1); // past ':'
        m.valuePos = i;
        m_members.append(m);
        i = value.skipWs(value.skip(i));
        if (m_doc[i] != u',')
            return;
        i = value.skipWs(i + 1);
    }
}

bool PyObject::keyEquals(const Member &m, QLatin1StringView key) const
{
    if (!m.keyEscaped)
        return m_doc.mid(m.keyPos + 1, m.keyEnd - m.keyPos - 2) == key;
    return pyDecodeString(m_doc, m.keyPos, m.keyEnd) == key;
}

PyValue PyObject::get(QLatin1StringView key) const
{
    for (qsizetype i = m_members.size() - 1; i >= 0; --i) {
        if (keyEquals(m_members[i], key))
            return PyValue(m_doc, m_members[i].valuePos);
    }
    return PyValue();
}

QString PyObject::key(qsizetype i) const
{
    const Member &m = m_members[i];
    if (!m.keyEscaped)
        return m_doc.mid(m.keyPos + 1, m.keyEnd - m.keyPos - 2).toString();
    return pyDecodeString(m_doc, m.keyPos, m.keyEnd);
}

QString pyDecodeString(QStringView doc, qsizetype pos, qsizetype end)
{
    QString out;
    out.reserve(end - pos - 2);
    const qsizetype last = end - 1; // the closing quote
    qsizetype i = pos + 1;
    while (i < last) {
        const QChar c = doc[i];
        if (c != u'\\') {
            const char16_t *d = doc.utf16();
            qsizetype j = i + 1;
            while (j < last && d[j] != u'\\')
                ++j;
            out.append(doc.mid(i, j - i));
            i = j;
            continue;
        }
        const char16_t e = doc[i + 1].unicode();
        switch (e) {
        case u'b': out.append(QChar(u'\b')); break;
        case u'f': out.append(QChar(u'\f')); break;
        case u'n': out.append(QChar(u'\n')); break;
        case u'r': out.append(QChar(u'\r')); break;
        case u't': out.append(QChar(u'\t')); break;
        case u'u': {
            char16_t v = 0;
            for (qsizetype k = i + 2; k < i + 6; ++k)
                v = char16_t((v << 4) | hexValue(doc[k].unicode()));
            // A \\uD83D\\uDE00 pair lands as two UTF-16 units: one code point, as Python joins it.
            out.append(QChar(v));
            i += 6;
            continue;
        }
        default: out.append(QChar(e)); break; // " \ /
        }
        i += 2;
    }
    return out;
}

} // namespace Aod::FormatPrivate
