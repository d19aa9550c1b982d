// Replays fuzz inputs through a libFuzzer entry point without libFuzzer, so the seed corpora
// and every crash kept as a regression run in the normal test builds (gcc, ASan+UBSan preset)
// as ordinary tests (label `fuzz`). The inputs come from tests/fuzz/seeds.txt,
// tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/, or from the command line.
// Each file is also fed in prefixes cut at a few sizes, as a truncated body would arrive.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

QStringList filesIn(const QString &path)
{
    const QFileInfo info(path);
    if (info.isFile())
        return {info.absoluteFilePath()};
    QStringList out;
    if (info.isDir()) {
        const QFileInfoList entries = QDir(path).entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &entry : entries)
            out << entry.absoluteFilePath();
    }
    return out;
}

QStringList manifestPaths(const QString &sourceDir, const QString &target)
{
    QFile manifest(sourceDir + QStringLiteral("/tests/fuzz/seeds.txt"));
    QStringList out;
    if (!manifest.open(QIODevice::ReadOnly))
        return out;
    while (!manifest.atEnd()) {
        const QString line = QString::fromUtf8(manifest.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (fields.first() != target)
            continue;
        for (qsizetype i = 1; i < fields.size(); ++i)
            out << sourceDir + QLatin1Char('/') + fields.at(i);
    }
    return out;
}

void run(const QByteArray &bytes)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
}

} // namespace

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);

    const QString target = QStringLiteral(AOD_FUZZ_TARGET);
    const QString sourceDir = QStringLiteral(AOD_SOURCE_DIR);
    QStringList paths;
    for (int i = 1; i < argc; ++i)
        paths << QString::fromLocal8Bit(argv[i]);
    if (paths.isEmpty()) {
        paths << manifestPaths(sourceDir, target)
              << sourceDir + QStringLiteral("/tests/fuzz/corpus/") + target
              << sourceDir + QStringLiteral("/tests/fuzz/regressions/") + target;
    }

    int inputs = 0;
    for (const QString &path : std::as_const(paths)) {
        for (const QString &file : filesIn(path)) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(file));
                return 2;
            }
            const QByteArray bytes = f.readAll();
            std::printf("%s: %s (%lld bytes)\n", qPrintable(target), qPrintable(file),
                        static_cast<long long>(bytes.size()));
            std::fflush(stdout);
            run(bytes);
            for (const qsizetype cut : {qsizetype(0), qsizetype(1), bytes.size() / 2, bytes.size() - 1})
                if (cut >= 0 && cut < bytes.size())
                    run(bytes.left(cut));
            ++inputs;
        }
    }
    std::printf("%s: %d inputs replayed\n", qPrintable(target), inputs);
    // A seed list that resolves to nothing means a moved data directory, not a pass.
    return inputs > 0 ? 0 : 1;
}
