// libFuzzer target for the output formatters (Claude, Codex, generic).
//
// The input is: one byte that picks the chunking, then the stream text (decoded from UTF-8
// with replacement, as the server decodes each output chunk). Every formatter is fed the
// text whole and again in pseudo-random chunks; the reference strings must be identical,
// every item must carry text, and formatLine() must survive the whole input as one line.
// Any difference traps, so libFuzzer reports it like a crash.
//
// Build (wired by the fuzz CMake, needs clang): link Aod::Sdk and -fsanitize=fuzzer.
// Without libFuzzer, define AOD_FUZZ_STANDALONE to get a main() that runs the files given on
// the command line once each (to replay a crash input under a debugger).
#include <aod/format/claudeformatter.h>
#include <aod/format/codexformatter.h>
#include <aod/format/genericformatter.h>
#include <aod/streamevent.h>

#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace {

std::unique_ptr<Aod::OutputFormatter> make(int which)
{
    switch (which) {
    case 0: return std::make_unique<Aod::ClaudeFormatter>();
    case 1: return std::make_unique<Aod::CodexFormatter>();
    default: return std::make_unique<Aod::GenericFormatter>();
    }
}

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

void checkItems(const QList<Aod::FormattedItem> &items)
{
    for (const Aod::FormattedItem &item : items)
        check(!item.text.isEmpty() && (item.indent == 0 || item.indent == 1));
}

// xorshift32: deterministic chunk sizes from the first input byte.
quint32 next(quint32 &state)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

Aod::StreamEvent outputEvent(const QString &stream, const QString &data, int turn)
{
    QJsonObject o;
    o.insert(QLatin1String("type"), QLatin1String("output"));
    o.insert(QLatin1String("id"), 1);
    o.insert(QLatin1String("stream"), stream);
    o.insert(QLatin1String("data"), data);
    o.insert(QLatin1String("turn"), turn);
    return Aod::StreamEvent(o, 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > (1u << 22))
        return 0;
    const quint32 mode = data[0];
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype maxChunk = 1 + qsizetype(mode & 0x3f) * (mode & 0x40 ? 64 : 1);

    for (int which = 0; which < 3; ++which) {
        auto whole = make(which);
        QList<Aod::FormattedItem> expected = whole->feedData(text);
        expected += whole->flush();
        checkItems(expected);

        auto chunked = make(which);
        QList<Aod::FormattedItem> got;
        quint32 state = 0x9e3779b9u ^ mode;
        for (qsizetype at = 0; at < text.size();) {
            const qsizetype n = 1 + qsizetype(next(state) % quint32(maxChunk));
            got += chunked->feedData(QStringView(text).mid(at, n));
            at += n;
        }
        got += chunked->flush();
        check(Aod::OutputFormatter::toReferenceStrings(got) == Aod::OutputFormatter::toReferenceStrings(expected));

        auto line = make(which);
        checkItems(line->formatLine(text));

        // The live path with every extra on: stdout and stderr interleaved with turn changes.
        auto live = make(which);
        live->setExtras(Aod::OutputFormatter::Extra::All);
        const qsizetype half = text.size() / 2;
        checkItems(live->feed(outputEvent(QStringLiteral("stdout"), text.left(half), 1)));
        checkItems(live->feed(outputEvent(QStringLiteral("stderr"), text.mid(half), int(mode & 3))));
        checkItems(live->feed(outputEvent(QStringLiteral("stdout"), text.mid(half), 2)));
        checkItems(live->flush());
    }
    return 0;
}

#ifdef AOD_FUZZ_STANDALONE
#include <QFile>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        QFile f(QString::fromLocal8Bit(argv[i]));
        if (!f.open(QIODevice::ReadOnly))
            return 2;
        const QByteArray bytes = f.readAll();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    }
    return 0;
}
#endif
