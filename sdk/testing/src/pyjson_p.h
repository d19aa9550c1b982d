#pragma once
// Private to Aod::Testing. A JSON value that behaves like the Python objects the real server
// handles: objects keep insertion order (Python dicts), numbers keep the int/float distinction
// (arbitrary-size ints kept as text), equality follows Python (1 == 1.0 == True, dict order ignored).
// The parser follows json.loads (NaN/Infinity accepted, duplicate keys: last wins, strict control
// characters), the writer follows json.dumps (ensure_ascii, separators ", " and ": ", float repr).
#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace Aod::Testing::Internal {

class PyValue;
using PyArray = std::vector<PyValue>;
using PyMember = std::pair<QString, PyValue>;
using PyObject = std::vector<PyMember>;

class PyValue {
public:
    enum class Type { Null, Bool, Int, Float, String, Array, Object };

    PyValue() = default;
    static PyValue null() { return {}; }
    static PyValue boolean(bool b);
    static PyValue integer(qint64 i);
    static PyValue bigInteger(const QByteArray &digits); // canonical decimal text, sign allowed
    static PyValue number(double d);
    static PyValue string(const QString &s);
    static PyValue array(PyArray a = {});
    static PyValue object(PyObject o = {});

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInt() const { return m_type == Type::Int; }
    bool isFloat() const { return m_type == Type::Float; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Float; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }
    //! Python truthiness.
    bool truthy() const;

    bool toBool() const { return m_bool; }
    //! Int value; saturates for big ints. \a ok false if not an int or out of qint64 range.
    qint64 toInt(bool *ok = nullptr) const;
    const QByteArray &bigDigits() const { return m_big; }
    double toDouble() const;
    const QString &toString() const { return m_str; }
    const PyArray &toArray() const { return m_arr; }
    PyArray &arrayRef() { return m_arr; }
    const PyObject &toObject() const { return m_obj; }
    PyObject &objectRef() { return m_obj; }

    //! Object member lookup (nullptr if absent or not an object).
    const PyValue *get(QStringView key) const;
    bool contains(QStringView key) const { return get(key) != nullptr; }
    //! Insert or replace (a replaced key keeps its position, like a Python dict).
    void set(const QString &key, PyValue value);
    bool remove(QStringView key);

    //! Python `==`.
    bool operator==(const PyValue &other) const;
    bool operator!=(const PyValue &other) const { return !(*this == other); }

    QJsonValue toJson() const;
    static PyValue fromJson(const QJsonValue &v);

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    qint64 m_int = 0;
    QByteArray m_big; // non-empty: int outside qint64
    double m_float = 0;
    QString m_str;
    PyArray m_arr;
    PyObject m_obj;
};

//! json.loads on a request body (bytes: UTF-8, optional BOM). nullopt on any error.
std::optional<PyValue> pyLoads(const QByteArray &body, QString *error = nullptr);
//! json.dumps(value) with default options (ensure_ascii, ", " and ": ").
QByteArray pyDumps(const PyValue &value);
//! Appends a JSON string literal (ensure_ascii escaping) for \a s.
void appendPyString(QByteArray &out, QStringView s);
//! Python repr() of a float as json.dumps writes it (NaN, Infinity, -Infinity for the specials).
QByteArray pyFloatRepr(double d);
//! Python repr() of a str (as used in f-strings with !r): single quotes unless the text contains a
//! single quote and no double quote.
QString pyStrRepr(const QString &s);

//! Convenience builder for ordered objects.
class PyObjectBuilder {
public:
    PyObjectBuilder &add(const QString &key, PyValue v)
    {
        m_obj.emplace_back(key, std::move(v));
        return *this;
    }
    PyObjectBuilder &add(const QString &key, const QString &s) { return add(key, PyValue::string(s)); }
    PyObjectBuilder &add(const QString &key, const char *) = delete;
    PyObjectBuilder &addInt(const QString &key, qint64 i) { return add(key, PyValue::integer(i)); }
    PyObjectBuilder &addNullableString(const QString &key, const QString &s)
    {
        return add(key, s.isEmpty() ? PyValue::null() : PyValue::string(s));
    }
    PyValue build() { return PyValue::object(std::move(m_obj)); }

private:
    PyObject m_obj;
};

} // namespace Aod::Testing::Internal
