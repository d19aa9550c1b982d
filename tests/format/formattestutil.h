#pragma once
// Helpers shared by the formatter tests: reading the vector files under tests/data/format.
#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace FormatTest {

inline QString dataPath(const char *name)
{
    return QStringLiteral(AOD_TEST_DATA_DIR "/format/") + QLatin1String(name);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// One JSON object per line; blank lines skipped.
inline QList<QJsonObject> readJsonLines(const QString &path)
{
    QList<QJsonObject> rows;
    const QByteArray data = readFile(path);
    for (const QByteArray &line : data.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        rows.append(QJsonDocument::fromJson(line).object());
    }
    return rows;
}

inline QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &s : array)
        out.append(s.toString());
    return out;
}

} // namespace FormatTest
