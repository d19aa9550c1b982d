#pragma once
// Private header: the few CPython 3.11 string and number behaviours the Claude formatter's
// reference (aod.pretty.claude, sdk-parity §2) depends on, reproduced on QString.
//
// Python counts code points where QString counts UTF-16 units, and Python's idea of
// whitespace, line breaks and "printable" is its own. Getting any of these slightly wrong
// changes the formatter's bytes, so they live here, tested one by one (tst_pytext).
#include <aod/global.h>

#include <QString>
#include <QStringView>


namespace Aod::FormatPrivate {

//! str.isspace() for one UTF-16 unit: every Python whitespace character is in the BMP.
AOD_TESTS_EXPORT bool isPySpace(char16_t c) noexcept;
//! A line boundary of str.splitlines(): \n \r \v \f \x1c \x1d \x1e \x85 U+2028 U+2029.
AOD_TESTS_EXPORT bool isPyLineBreak(char16_t c) noexcept;
//! Whether \a s contains any splitlines() boundary.
AOD_TESTS_EXPORT bool hasPyLineBreak(QStringView s) noexcept;

//! str.strip() with no arguments.
AOD_TESTS_EXPORT QStringView pyStrip(QStringView s) noexcept;
QStringView pyStrip(QString &&) = delete; // the view would dangle
//! " ".join(s.split()): runs of whitespace become one space, ends trimmed.
AOD_TESTS_EXPORT QString pyCollapse(QStringView s);
//! len(s) in Python: code points, where a surrogate pair is one and a lone surrogate is one.
AOD_TESTS_EXPORT qsizetype pyLen(QStringView s) noexcept;
//! The reference's _one_line(text, limit): collapse whitespace, then keep at most \a limit
//! code points, the last being U+2026 when something was cut.
AOD_TESTS_EXPORT QString pyOneLine(QStringView s, int limit);
//! str.splitlines(): calls \a sink(start, length) once per line of \a s. "\r\n" is one
//! boundary, and a boundary at the very end does not start another (empty) line.
template<typename Sink>
void pySplitLines(QStringView s, Sink &&sink)
{
    const qsizetype n = s.size();
    qsizetype start = 0;
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = s[i].unicode();
        if (!isPyLineBreak(c)) {
            ++i;
            continue;
        }
        sink(start, i - start);
        i += (c == u'\r' && i + 1 < n && s[i + 1] == u'\n') ? 2 : 1;
        start = i;
    }
    if (start < n)
        sink(start, n - start);
}

//! repr() of a str: quote choice, backslash escapes and str.isprintable() as CPython 3.11.
AOD_TESTS_EXPORT QString pyReprString(QStringView s);
//! repr() of a float (shortest round-trip digits, exponent when the point is < -4 or > 16).
AOD_TESTS_EXPORT QString pyFloatRepr(double v);
//! format(v, ".Nf"): exact decimal expansion rounded half-to-even on the binary value, as
//! CPython does; nan/inf spelled as Python spells them.
AOD_TESTS_EXPORT QString pyFixed(double v, int precision);

} // namespace Aod::FormatPrivate
