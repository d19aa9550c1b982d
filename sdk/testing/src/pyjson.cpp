#include "pyjson_p.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>

#include <charconv>
#include <cmath>
#include <limits>

namespace Aod::Testing::Internal {

PyValue PyValue::boolean(bool b)
{
    PyValue v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

PyValue PyValue::integer(qint64 i)
{
    PyValue v;
    v.m_type = Type::Int;
    v.m_int = i;
    return v;
}

PyValue PyValue::bigInteger(const QByteArray &digits)
{
    PyValue v;
    v.m_type = Type::Int;
    v.m_big = digits;
    v.m_int = digits.startsWith('-') ? std::numeric_limits<qint64>::min()
                                     : std::numeric_limits<qint64>::max();
    return v;
}

PyValue PyValue::number(double d)
{
    PyValue v;
    v.m_type = Type::Float;
    v.m_float = d;
    return v;
}

PyValue PyValue::string(const QString &s)
{
    PyValue v;
    v.m_type = Type::String;
    v.m_str = s;
    return v;
}

PyValue PyValue::array(PyArray a)
{
    PyValue v;
    v.m_type = Type::Array;
    v.m_arr = std::move(a);
    return v;
}

PyValue PyValue::object(PyObject o)
{
    PyValue v;
    v.m_type = Type::Object;
    v.m_obj = std::move(o);
    return v;
}

bool PyValue::truthy() const
{
    switch (m_type) {
    case Type::Null: return false;
    case Type::Bool: return m_bool;
    case Type::Int: return !m_big.isEmpty() || m_int != 0;
    case Type::Float: return m_float != 0.0;
    case Type::String: return !m_str.isEmpty();
    case Type::Array: return !m_arr.empty();
    case Type::Object: return !m_obj.empty();
    }
    return false;
}

qint64 PyValue::toInt(bool *ok) const
{
    if (ok)
        *ok = m_type == Type::Int && m_big.isEmpty();
    if (m_type == Type::Bool)
        return m_bool ? 1 : 0;
    return m_int;
}

double PyValue::toDouble() const
{
    switch (m_type) {
    case Type::Bool: return m_bool ? 1.0 : 0.0;
    case Type::Int: return m_big.isEmpty() ? double(m_int) : m_big.toDouble();
    case Type::Float: return m_float;
    default: return 0.0;
    }
}

const PyValue *PyValue::get(QStringView key) const
{
    if (m_type != Type::Object)
        return nullptr;
    for (const auto &m : m_obj) {
        if (m.first == key)
            return &m.second;
    }
    return nullptr;
}

void PyValue::set(const QString &key, PyValue value)
{
    if (m_type != Type::Object) {
        *this = object();
    }
    for (auto &m : m_obj) {
        if (m.first == key) {
            m.second = std::move(value);
            return;
        }
    }
    m_obj.emplace_back(key, std::move(value));
}

bool PyValue::remove(QStringView key)
{
    for (auto it = m_obj.begin(); it != m_obj.end(); ++it) {
        if (it->first == key) {
            m_obj.erase(it);
            return true;
        }
    }
    return false;
}

static bool isNumeric(PyValue::Type t)
{
    return t == PyValue::Type::Bool || t == PyValue::Type::Int || t == PyValue::Type::Float;
}

bool PyValue::operator==(const PyValue &o) const
{
    if (isNumeric(m_type) && isNumeric(o.m_type)) {
        const bool fa = m_type == Type::Float, fb = o.m_type == Type::Float;
        if (!fa && !fb) {
            if (!m_big.isEmpty() || !o.m_big.isEmpty())
                return m_big == o.m_big && m_int == o.m_int;
            return toInt() == o.toInt();
        }
        return toDouble() == o.toDouble();
    }
    if (m_type != o.m_type)
        return false;
    switch (m_type) {
    case Type::Null: return true;
    case Type::String: return m_str == o.m_str;
    case Type::Array:
        if (m_arr.size() != o.m_arr.size())
            return false;
        for (size_t i = 0; i < m_arr.size(); ++i) {
            if (m_arr[i] != o.m_arr[i])
                return false;
        }
        return true;
    case Type::Object:
        if (m_obj.size() != o.m_obj.size())
            return false;
        for (const auto &m : m_obj) {
            const PyValue *other = o.get(m.first);
            if (!other || *other != m.second)
                return false;
        }
        return true;
    default: return false;
    }
}

QJsonValue PyValue::toJson() const
{
    switch (m_type) {
    case Type::Null: return QJsonValue::Null;
    case Type::Bool: return m_bool;
    case Type::Int: return m_big.isEmpty() ? QJsonValue(m_int) : QJsonValue(m_big.toDouble());
    case Type::Float: return m_float;
    case Type::String: return m_str;
    case Type::Array: {
        QJsonArray a;
        for (const auto &v : m_arr)
            a.append(v.toJson());
        return a;
    }
    case Type::Object: {
        QJsonObject o;
        for (const auto &m : m_obj)
            o.insert(m.first, m.second.toJson());
        return o;
    }
    }
    return {};
}

PyValue PyValue::fromJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return boolean(v.toBool());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
            return integer(qint64(d));
        return number(d);
    }
    case QJsonValue::String: return string(v.toString());
    case QJsonValue::Array: {
        PyArray a;
        const QJsonArray arr = v.toArray();
        for (const auto &e : arr)
            a.push_back(fromJson(e));
        return array(std::move(a));
    }
    case QJsonValue::Object: {
        PyObject o;
        const QJsonObject obj = v.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it)
            o.emplace_back(it.key(), fromJson(it.value()));
        return object(std::move(o));
    }
    default: return null();
    }
}

// ---------------------------------------------------------------- parser (json.loads)

namespace {

class Parser {
public:
    explicit Parser(QStringView text) : s(text) {}

    std::optional<PyValue> parseDocument(QString *error)
    {
        skipWs();
        std::optional<PyValue> v = parseValue(0);
        if (v) {
            skipWs();
            if (pos != s.size()) {
                fail(QStringLiteral("Extra data"));
                v.reset();
            }
        }
        if (!v && error)
            *error = err.isEmpty() ? QStringLiteral("Expecting value") : err;
        return v;
    }

private:
    QStringView s;
    qsizetype pos = 0;
    QString err;

    void fail(const QString &m)
    {
        if (err.isEmpty())
            err = m + QStringLiteral(" at char ") + QString::number(pos);
    }
    void skipWs()
    {
        while (pos < s.size()) {
            const char16_t c = s[pos].unicode();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                break;
            ++pos;
        }
    }
    bool startsWith(QStringView lit) const { return s.mid(pos).startsWith(lit); }

    std::optional<PyValue> parseValue(int depth)
    {
        // Python would raise RecursionError (a 500); we refuse deep nesting as invalid instead.
        if (depth > 900) {
            fail(QStringLiteral("Nesting too deep"));
            return std::nullopt;
        }
        if (pos >= s.size()) {
            fail(QStringLiteral("Expecting value"));
            return std::nullopt;
        }
        const char16_t c = s[pos].unicode();
        if (c == u'{')
            return parseObject(depth);
        if (c == u'[')
            return parseArray(depth);
        if (c == u'"') {
            QString str;
            if (!parseString(&str))
                return std::nullopt;
            return PyValue::string(str);
        }
        if (startsWith(u"null")) {
            pos += 4;
            return PyValue::null();
        }
        if (startsWith(u"true")) {
            pos += 4;
            return PyValue::boolean(true);
        }
        if (startsWith(u"false")) {
            pos += 5;
            return PyValue::boolean(false);
        }
        if (startsWith(u"NaN")) {
            pos += 3;
            return PyValue::number(std::numeric_limits<double>::quiet_NaN());
        }
        if (startsWith(u"Infinity")) {
            pos += 8;
            return PyValue::number(std::numeric_limits<double>::infinity());
        }
        if (startsWith(u"-Infinity")) {
            pos += 9;
            return PyValue::number(-std::numeric_limits<double>::infinity());
        }
        if (c == u'-' || (c >= u'0' && c <= u'9'))
            return parseNumber();
        fail(QStringLiteral("Expecting value"));
        return std::nullopt;
    }

    std::optional<PyValue> parseNumber()
    {
        const qsizetype start = pos;
        auto digit = [this](qsizetype p) { return p < s.size() && s[p].unicode() >= u'0' && s[p].unicode() <= u'9'; };
        if (s[pos] == u'-')
            ++pos;
        if (!digit(pos)) {
            fail(QStringLiteral("Expecting value"));
            return std::nullopt;
        }
        if (s[pos] == u'0') {
            ++pos;
        } else {
            while (digit(pos))
                ++pos;
        }
        bool isFloat = false;
        if (pos < s.size() && s[pos] == u'.' && digit(pos + 1)) {
            isFloat = true;
            ++pos;
            while (digit(pos))
                ++pos;
        }
        if (pos < s.size() && (s[pos] == u'e' || s[pos] == u'E')) {
            qsizetype p = pos + 1;
            if (p < s.size() && (s[p] == u'+' || s[p] == u'-'))
                ++p;
            if (digit(p)) {
                isFloat = true;
                pos = p;
                while (digit(pos))
                    ++pos;
            }
        }
        const QByteArray text = s.mid(start, pos - start).toLatin1();
        if (isFloat) {
            double d = 0;
            const auto r = std::from_chars(text.constData(), text.constData() + text.size(), d);
            if (r.ec == std::errc::result_out_of_range) {
                // Python float() overflows to inf and underflows to 0.
                const bool neg = text.startsWith('-');
                const qsizetype e = text.toLower().indexOf('e');
                const bool hugeExp = e >= 0 && !text.mid(e + 1).startsWith('-');
                d = hugeExp ? (neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity())
                            : (neg ? -0.0 : 0.0);
            }
            return PyValue::number(d);
        }
        bool ok = false;
        const qint64 i = text.toLongLong(&ok);
        if (ok)
            return PyValue::integer(text == "-0" ? 0 : i);
        return PyValue::bigInteger(text);
    }

    bool parseHex4(uint *out)
    {
        if (pos + 4 > s.size())
            return false;
        uint v = 0;
        for (int i = 0; i < 4; ++i) {
            const char16_t c = s[pos + i].unicode();
            uint d = 0;
            if (c >= u'0' && c <= u'9')
                d = uint(c - u'0');
            else if (c >= u'a' && c <= u'f')
                d = uint(c - u'a' + 10);
            else if (c >= u'A' && c <= u'F')
                d = uint(c - u'A' + 10);
            else
                return false;
            v = v * 16 + d;
        }
        pos += 4;
        *out = v;
        return true;
    }

    bool parseString(QString *out)
    {
        ++pos; // opening quote
        QString r;
        while (true) {
            if (pos >= s.size()) {
                fail(QStringLiteral("Unterminated string starting"));
                return false;
            }
            const char16_t c = s[pos].unicode();
            if (c == u'"') {
                ++pos;
                break;
            }
            if (c < 0x20) {
                fail(QStringLiteral("Invalid control character"));
                return false;
            }
            if (c != u'\\') {
                r.append(QChar(c));
                ++pos;
                continue;
            }
            ++pos;
            if (pos >= s.size()) {
                fail(QStringLiteral("Unterminated string starting"));
                return false;
            }
            const char16_t e = s[pos].unicode();
            ++pos;
            switch (e) {
            case u'"': r.append(QLatin1Char('"')); break;
            case u'\\': r.append(QLatin1Char('\\')); break;
            case u'/': r.append(QLatin1Char('/')); break;
            case u'b': r.append(QChar(0x08)); break;
            case u'f': r.append(QChar(0x0c)); break;
            case u'n': r.append(QLatin1Char('\n')); break;
            case u'r': r.append(QLatin1Char('\r')); break;
            case u't': r.append(QLatin1Char('\t')); break;
            case u'u': {
                uint cp = 0;
                if (!parseHex4(&cp)) {
                    fail(QStringLiteral("Invalid \\uXXXX escape"));
                    return false;
                }
                // Python keeps lone surrogates; a QString can hold them too.
                r.append(QChar(char16_t(cp)));
                break;
            }
            default:
                fail(QStringLiteral("Invalid \\escape"));
                return false;
            }
        }
        *out = r;
        return true;
    }

    std::optional<PyValue> parseArray(int depth)
    {
        ++pos;
        PyArray a;
        skipWs();
        if (pos < s.size() && s[pos] == u']') {
            ++pos;
            return PyValue::array(std::move(a));
        }
        while (true) {
            skipWs();
            auto v = parseValue(depth + 1);
            if (!v)
                return std::nullopt;
            a.push_back(std::move(*v));
            skipWs();
            if (pos < s.size() && s[pos] == u',') {
                ++pos;
                continue;
            }
            if (pos < s.size() && s[pos] == u']') {
                ++pos;
                return PyValue::array(std::move(a));
            }
            fail(QStringLiteral("Expecting ',' delimiter"));
            return std::nullopt;
        }
    }

    std::optional<PyValue> parseObject(int depth)
    {
        ++pos;
        PyValue o = PyValue::object();
        skipWs();
        if (pos < s.size() && s[pos] == u'}') {
            ++pos;
            return o;
        }
        while (true) {
            skipWs();
            if (pos >= s.size() || s[pos] != u'"') {
                fail(QStringLiteral("Expecting property name enclosed in double quotes"));
                return std::nullopt;
            }
            QString key;
            if (!parseString(&key))
                return std::nullopt;
            skipWs();
            if (pos >= s.size() || s[pos] != u':') {
                fail(QStringLiteral("Expecting ':' delimiter"));
                return std::nullopt;
            }
            ++pos;
            skipWs();
            auto v = parseValue(depth + 1);
            if (!v)
                return std::nullopt;
            o.set(key, std::move(*v));
            skipWs();
            if (pos < s.size() && s[pos] == u',') {
                ++pos;
                continue;
            }
            if (pos < s.size() && s[pos] == u'}') {
                ++pos;
                return o;
            }
            fail(QStringLiteral("Expecting ',' delimiter"));
            return std::nullopt;
        }
    }
};

} // namespace

std::optional<PyValue> pyLoads(const QByteArray &body, QString *error)
{
    QByteArray bytes = body;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder dec(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = dec(bytes);
    if (dec.hasError()) {
        if (error)
            *error = QStringLiteral("invalid UTF-8");
        return std::nullopt;
    }
    Parser p(text);
    return p.parseDocument(error);
}

// ---------------------------------------------------------------- writer (json.dumps)

void appendPyString(QByteArray &out, QStringView s)
{
    static const char hex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size() + 2);
    out.append('"');
    for (const QChar qc : s) {
        const char16_t c = qc.unicode();
        if (c >= 0x20 && c <= 0x7e) {
            if (c == u'"')
                out.append("\\\"", 2);
            else if (c == u'\\')
                out.append("\\\\", 2);
            else
                out.append(char(c));
            continue;
        }
        switch (c) {
        case u'\n': out.append("\\n", 2); break;
        case u'\r': out.append("\\r", 2); break;
        case u'\t': out.append("\\t", 2); break;
        case 0x08: out.append("\\b", 2); break;
        case 0x0c: out.append("\\f", 2); break;
        default: {
            const char buf[6] = {'\\', 'u', hex[(c >> 12) & 0xf], hex[(c >> 8) & 0xf],
                                 hex[(c >> 4) & 0xf], hex[c & 0xf]};
            out.append(buf, 6);
        }
        }
    }
    out.append('"');
}

QByteArray pyFloatRepr(double d)
{
    if (std::isnan(d))
        return QByteArrayLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    QByteArray sci(buf, int(r.ptr - buf)); // e.g. -1.2345e+02
    QByteArray sign;
    if (sci.startsWith('-')) {
        sign = "-";
        sci.remove(0, 1);
    }
    const qsizetype e = sci.indexOf('e');
    const int exp10 = sci.mid(e + 1).toInt();
    QByteArray digits = sci.left(e);
    digits.replace('.', QByteArray());
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    const int decpt = exp10 + 1;
    const int nd = int(digits.size());
    QByteArray out = sign;
    if (decpt <= -4 || decpt > 16) {
        out += digits.left(1);
        if (nd > 1)
            out += '.' + digits.mid(1);
        const int x = decpt - 1;
        out += 'e';
        out += x < 0 ? '-' : '+';
        QByteArray xs = QByteArray::number(x < 0 ? -x : x);
        if (xs.size() < 2)
            xs.prepend('0');
        out += xs;
    } else if (decpt <= 0) {
        out += "0." + QByteArray(-decpt, '0') + digits;
    } else if (decpt >= nd) {
        out += digits + QByteArray(decpt - nd, '0') + ".0";
    } else {
        out += digits.left(decpt) + '.' + digits.mid(decpt);
    }
    return out;
}

static void dumpInto(QByteArray &out, const PyValue &v)
{
    switch (v.type()) {
    case PyValue::Type::Null: out.append("null"); break;
    case PyValue::Type::Bool: out.append(v.toBool() ? "true" : "false"); break;
    case PyValue::Type::Int:
        if (!v.bigDigits().isEmpty())
            out.append(v.bigDigits());
        else
            out.append(QByteArray::number(v.toInt()));
        break;
    case PyValue::Type::Float: out.append(pyFloatRepr(v.toDouble())); break;
    case PyValue::Type::String: appendPyString(out, v.toString()); break;
    case PyValue::Type::Array: {
        out.append('[');
        bool first = true;
        for (const auto &e : v.toArray()) {
            if (!first)
                out.append(", ", 2);
            first = false;
            dumpInto(out, e);
        }
        out.append(']');
        break;
    }
    case PyValue::Type::Object: {
        out.append('{');
        bool first = true;
        for (const auto &m : v.toObject()) {
            if (!first)
                out.append(", ", 2);
            first = false;
            appendPyString(out, m.first);
            out.append(": ", 2);
            dumpInto(out, m.second);
        }
        out.append('}');
        break;
    }
    }
}

QByteArray pyDumps(const PyValue &value)
{
    QByteArray out;
    dumpInto(out, value);
    return out;
}

QString pyStrRepr(const QString &s)
{
    const bool useDouble = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'));
    const QChar q = useDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString r(q);
    for (const QChar c : s) {
        if (c == QLatin1Char('\\'))
            r += QStringLiteral("\\\\");
        else if (c == q)
            r += QStringLiteral("\\") + q;
        else if (c == QLatin1Char('\n'))
            r += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            r += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            r += QStringLiteral("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            r += QStringLiteral("\\x") + QString::number(c.unicode(), 16).rightJustified(2, QLatin1Char('0'));
        else
            r += c;
    }
    r += q;
    return r;
}

} // namespace Aod::Testing::Internal
