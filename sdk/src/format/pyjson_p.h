#pragma once
// Private header: a JSON reader that accepts exactly what CPython 3.11's json.loads() accepts
// and answers the questions the reference formatter asks of the result with Python's
// semantics: truthiness, str(), repr(), len(), float(), dict.get() with last-key-wins.
//
// Why not QJsonDocument: it rejects NaN/Infinity (Python accepts them), turns every number
// into a double (Python keeps 12345678901234567890 exact and prints 3.0 as "3.0"), sorts
// object keys (Python's repr keeps insertion order), refuses more than 1024 levels of
// nesting and copies every line into a tree. This reader validates a line in one pass
// without building anything, then reads values in place on demand; deep nesting costs a
// byte per level and nothing is recursive, so 10^5 levels are fine.
#include <aod/global.h>

#include <QString>
#include <QStringView>
#include <QVarLengthArray>

namespace Aod::FormatPrivate {

class PyObject;

//! A view of one value inside a validated JSON text (or "missing": dict.get() found nothing).
//! The text must outlive the view.
class AOD_TESTS_EXPORT PyValue
{
public:
    enum class Type : quint8 { Missing, Null, False, True, Int, Float, String, Array, Object };

    PyValue() = default;

    //! json.loads(text): the root value, or a missing value when Python would raise
    //! JSONDecodeError (\a ok false). Nesting depth is unlimited.
    static PyValue parse(QStringView text, bool *ok);

    Type type() const;
    bool exists() const { return m_pos >= 0; }
    bool isNull() const { return type() == Type::Null; }
    bool isString() const { return exists() && m_doc[m_pos] == u'"'; }
    bool isArray() const { return exists() && m_doc[m_pos] == u'['; }
    bool isObject() const { return exists() && m_doc[m_pos] == u'{'; }
    bool isBool() const;
    bool isNumber() const; //!< int or float (not bool)

    //! bool(x): None, False, 0, 0.0, -0.0, "", [], {} are false; NaN is true.
    bool truthy() const;
    //! A string equal to \a s (a non-string is never equal).
    bool equals(QLatin1StringView s) const;
    //! The decoded value of a string; empty for anything else.
    QString toString() const;
    //! float(x) of an int, float or bool (ints correctly rounded, overflow to +-inf); NaN
    //! for anything else.
    double toDouble() const;
    //! x / 1000 as Python computes it for an int, float or bool: correctly rounded for ints of
    //! any size.
    double dividedBy1000() const;
    //! str(x), f"{x}" for every JSON type.
    QString str() const;
    //! repr(x). Iterative: deep nesting cannot overflow the stack.
    QString repr() const;
    //! len(x) of a str (code points), list or dict (distinct keys); -1 where Python raises.
    qsizetype pyLen() const;
    //! dict.get(key): the value of the last member named \a key, missing when there is none
    //! or this is not an object. For several lookups on one object use PyObject.
    PyValue get(QLatin1StringView key) const;

    //! Calls \a f(PyValue) for every element of an array.
    template<typename F>
    void forEachElement(F &&f) const;

private:
    friend class PyObject;
    PyValue(QStringView doc, qsizetype pos) : m_doc(doc), m_pos(pos) { }
    qsizetype skip(qsizetype pos) const; //!< end of the value starting at pos
    qsizetype skipWs(qsizetype pos) const;
    QStringView token() const;           //!< raw text of a scalar
    QString reprScalar() const;

    QStringView m_doc;
    qsizetype m_pos = -1;
};

//! An object's members, scanned once, for repeated dict.get() lookups.
class AOD_TESTS_EXPORT PyObject
{
public:
    //! Empty when \a value is not an object.
    explicit PyObject(const PyValue &value);
    PyValue get(QLatin1StringView key) const;
    qsizetype memberCount() const { return m_members.size(); } //!< duplicates included

    struct Member
    {
        qsizetype keyPos;   //!< the opening quote of the key
        qsizetype keyEnd;   //!< after the closing quote
        qsizetype valuePos;
        bool keyEscaped;
    };
    const Member &member(qsizetype i) const { return m_members[i]; }
    QString key(qsizetype i) const;
    PyValue value(qsizetype i) const { return PyValue(m_doc, m_members[i].valuePos); }

private:
    bool keyEquals(const Member &m, QLatin1StringView key) const;

    QStringView m_doc;
    QVarLengthArray<Member, 24> m_members;
};

//! Decodes the JSON string literal starting at \a pos (the opening quote) of validated text.
AOD_TESTS_EXPORT QString pyDecodeString(QStringView doc, qsizetype pos, qsizetype end);

template<typename F>
void PyValue::forEachElement(F &&f) const
{
    if (!isArray())
        return;
    qsizetype i = skipWs(m_pos + 1);
    if (m_doc[i] == u']')
        return;
    for (;;) {
        const PyValue element(m_doc, i);
        f(element);
        i = skipWs(skip(i));
        if (m_doc[i] != u',')
            return;
        i = skipWs(i + 1);
    }
}

} // namespace Aod::FormatPrivate
