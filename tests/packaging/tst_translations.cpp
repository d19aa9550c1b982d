// Translations of the desktop app (issue 8): the .ts files are current with the sources after a
// build, every .ts is compiled and embedded under :/i18n (where app/desktop/main.cpp looks), the
// German .qm says what aod_de.ts says, and aod-desktop picks the translation of the system locale.
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool finished = false;
    QStringList translations; // one per numerus form, else one
};

QString key(const Message &m)
{
    return m.context + QLatin1Char('\x1f') + m.source + QLatin1Char('\x1f') + m.comment;
}

// The messages of a .ts file (Qt Linguist's XML format).
QList<Message> readTs(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name") && !inMessage)
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                inMessage = true;
                current = Message();
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source") && inMessage)
                current.source = xml.readElementText();
            else if (name == QLatin1String("comment") && inMessage)
                current.comment = xml.readElementText();
            else if (name == QLatin1String("translation") && inMessage) {
                const QStringView type = xml.attributes().value(QLatin1String("type"));
                current.finished = type.isEmpty();
                if (!current.numerus)
                    current.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform") && inMessage)
                current.translations << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages << current;
            inMessage = false;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// Every source file whose strings the app shows: the ui library and app/desktop.
QStringList translatableSources()
{
    QStringList files;
    for (const char *dir : {"ui", "app/desktop"}) {
        QDirIterator it(QStringLiteral(AOD_SOURCE_DIR "/") + QLatin1String(dir), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

QStringList tsFiles()
{
    QStringList files;
    QDirIterator it(QStringLiteral(AOD_SOURCE_DIR "/resources/translations"), {QStringLiteral("aod_*.ts")}, QDir::Files);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// A C string literal's text, or a null string when it has escapes other than \" and \\.
QString unescapeLiteral(const QString &literal)
{
    QString out;
    for (qsizetype i = 0; i < literal.size(); ++i) {
        if (literal[i] != QLatin1Char('\\')) {
            out += literal[i];
            continue;
        }
        if (i + 1 >= literal.size() || (literal[i + 1] != QLatin1Char('"') && literal[i + 1] != QLatin1Char('\\')))
            return QString();
        out += literal[++i];
    }
    return out;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tsFilesAreCurrent_data();
    void tsFilesAreCurrent();
    void everyTrLiteralIsInTheEnglishTs();
    void qmFilesAreEmbedded();
    void germanQmMatchesGermanTs();
    void appLoadsTheSystemLocaleTranslation_data();
    void appLoadsTheSystemLocaleTranslation();

private:
    QList<Message> m_german;
};

void TestTranslations::initTestCase()
{
    const QStringList ts = tsFiles();
    QVERIFY2(ts.contains(QStringLiteral(AOD_SOURCE_DIR "/resources/translations/aod_en.ts")), qPrintable(ts.join(u' ')));
    QVERIFY2(ts.contains(QStringLiteral(AOD_SOURCE_DIR "/resources/translations/aod_de.ts")), qPrintable(ts.join(u' ')));
    QString error;
    m_german = readTs(QStringLiteral(AOD_SOURCE_DIR "/resources/translations/aod_de.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestTranslations::tsFilesAreCurrent_data()
{
    QTest::addColumn<QString>("ts");
    for (const QString &ts : tsFiles())
        QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts;
}

// lupdate run now over the sources finds exactly the messages the .ts holds: none missing (a
// tr() string the build did not add) and none extra (a string removed from the sources).
void TestTranslations::tsFilesAreCurrent()
{
    QFETCH(QString, ts);
    const QString lupdate = QStringLiteral(AOD_LUPDATE);
    QVERIFY2(!lupdate.isEmpty() && QFileInfo(lupdate).isExecutable(),
             "lupdate not found: install qt6-l10n-tools (packaging/install-deps.sh)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fresh = dir.filePath(QFileInfo(ts).fileName());
    QVERIFY(QFile::copy(ts, fresh));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(lupdate, QStringList{QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                                 QStringLiteral("-no-obsolete"), QStringLiteral("-I"), QStringLiteral(AOD_SOURCE_DIR "/ui")}
                         + translatableSources() + QStringList{QStringLiteral("-ts"), fresh});
    QVERIFY2(p.waitForFinished(120000), "lupdate did not finish");
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAll().constData());

    QString error;
    const QList<Message> committed = readTs(ts, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<Message> current = readTs(fresh, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(current.size() > 100, qPrintable(QStringLiteral("lupdate found only %1 messages").arg(current.size())));

    QSet<QString> have, want;
    for (const Message &m : committed)
        have.insert(key(m));
    for (const Message &m : current)
        want.insert(key(m));
    QStringList missing, extra;
    for (const QString &k : want)
        if (!have.contains(k))
            missing << QString(k).replace(QLatin1Char('\x1f'), QLatin1String(" | "));
    for (const QString &k : have)
        if (!want.contains(k))
            extra << QString(k).replace(QLatin1Char('\x1f'), QLatin1String(" | "));
    missing.sort();
    extra.sort();
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 lacks (build the app to run lupdate):\n  %2")
                                               .arg(ts, missing.join(QLatin1String("\n  ")))));
    QVERIFY2(extra.isEmpty(), qPrintable(QStringLiteral("%1 holds strings no source has:\n  %2")
                                             .arg(ts, extra.join(QLatin1String("\n  ")))));
}

// Independent of lupdate and of the file list the build gives it: every plain tr("...") and
// translate("context", "...") literal in ui/ and app/desktop is a source string of aod_en.ts.
void TestTranslations::everyTrLiteralIsInTheEnglishTs()
{
    QString error;
    const QList<Message> english = readTs(QStringLiteral(AOD_SOURCE_DIR "/resources/translations/aod_en.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> sources;
    for (const Message &m : english)
        sources.insert(m.source);

    static const QRegularExpression trCall(QStringLiteral(
        "\\b(?:tr\\(|translate\\(\\s*\"[^\"]*\"\\s*,)\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"\\s*[,)]"));
    int checked = 0;
    QStringList missing;
    for (const QString &path : translatableSources()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        for (auto it = trCall.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            const QString literal = unescapeLiteral(match.captured(1));
            if (literal.isNull())
                continue;
            ++checked;
            if (!sources.contains(literal))
                missing << QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), literal);
        }
    }
    QVERIFY2(checked > 200, qPrintable(QStringLiteral("only %1 tr() literals found").arg(checked)));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("aod_en.ts lacks:\n  ") + missing.join(QLatin1String("\n  "))));
}

// Each aod_<lang>.ts becomes :/i18n/aod_<lang>.qm inside the app (linked from aod_ui).
void TestTranslations::qmFilesAreEmbedded()
{
    for (const QString &ts : tsFiles()) {
        const QString qm = QStringLiteral(":/i18n/%1.qm").arg(QFileInfo(ts).completeBaseName());
        QVERIFY2(QFile::exists(qm), qPrintable(qm + QLatin1String(" is not in the resources")));
        QTranslator translator;
        QVERIFY2(translator.load(qm), qPrintable(qm));
    }
    // The lookup main.cpp does for a German system locale finds the German file.
    QTranslator german;
    QVERIFY(german.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("aod"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")));
    QCOMPARE(german.filePath(), QStringLiteral(":/i18n/aod_de.qm"));
    QCOMPARE(german.language(), QStringLiteral("de_DE"));
}

// The embedded German .qm is built from the current aod_de.ts: every finished translation in
// the .ts is what the translator returns, and there are enough of them to be worth the name.
void TestTranslations::germanQmMatchesGermanTs()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/aod_de.qm")));
    int finished = 0;
    QSet<QString> finishedContexts;
    for (const Message &m : std::as_const(m_german)) {
        if (!m.finished)
            continue;
        ++finished;
        finishedContexts.insert(m.context);
        const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8(), comment = m.comment.toUtf8();
        const char *disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
        if (m.numerus) {
            QCOMPARE(m.translations.size(), 2); // German: singular, plural
            QCOMPARE(translator.translate(context.constData(), source.constData(), disambiguation, 1), m.translations[0]);
            QCOMPARE(translator.translate(context.constData(), source.constData(), disambiguation, 5), m.translations[1]);
        } else {
            QVERIFY2(!m.translations.value(0).isEmpty(), qPrintable(m.source));
            QCOMPARE(translator.translate(context.constData(), source.constData(), disambiguation), m.translations[0]);
        }
    }
    QVERIFY2(finished >= 50, qPrintable(QStringLiteral("only %1 German translations").arg(finished)));
    QVERIFY(finishedContexts.contains(QStringLiteral("Aod::Ui::MainWindow")));
    QVERIFY(finishedContexts.contains(QStringLiteral("main")));
    QCOMPARE(translator.translate("Aod::Ui::MainWindow", "&File"), QStringLiteral("&Datei"));
}

void TestTranslations::appLoadsTheSystemLocaleTranslation_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("german");
    QTest::newRow("de_DE") << QStringLiteral("de_DE.UTF-8") << QString() << true;
    QTest::newRow("LANGUAGE=de") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("de") << true;
    QTest::newRow("fr_FR (no translation: English)") << QStringLiteral("fr_FR.UTF-8") << QString() << false;
    QTest::newRow("C.UTF-8") << QStringLiteral("C.UTF-8") << QString() << false;
}

// The real app, started in a locale, shows its command-line help (the strings of main.cpp,
// translated after the translator of the system locale is installed) in that language.
void TestTranslations::appLoadsTheSystemLocaleTranslation()
{
    QFETCH(QString, lang);
    QFETCH(QString, language);
    QFETCH(bool, german);
    const QString english = QStringLiteral("Start the offline demo (a local AoD server inside the app).");
    QString translated;
    for (const Message &m : std::as_const(m_german))
        if (m.context == QLatin1String("main") && m.source == english && m.finished)
            translated = m.translations.value(0);
    QVERIFY2(!translated.isEmpty() && translated != english, "aod_de.ts does not translate the --demo help");

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *var : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
        env.remove(QLatin1String(var));
    env.insert(QStringLiteral("LANG"), lang);
    if (!language.isEmpty())
        env.insert(QStringLiteral("LANGUAGE"), language);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Under ASan (asan preset) --help exits from inside the parser; leaks are not this test's topic.
    if (env.contains(QStringLiteral("ASAN_OPTIONS")))
        env.insert(QStringLiteral("ASAN_OPTIONS"), env.value(QStringLiteral("ASAN_OPTIONS")) + QLatin1String(":detect_leaks=0"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(AOD_DESKTOP_EXE), {QStringLiteral("--help")});
    QVERIFY2(app.waitForFinished(60000), "aod-desktop --help did not finish");
    // QCommandLineParser wraps long descriptions: compare with whitespace runs as one space.
    const QString out = QString::fromUtf8(app.readAllStandardOutput()).simplified();
    QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0,
             qPrintable(out + QString::fromUtf8(app.readAllStandardError())));
    QVERIFY2(out.contains(QLatin1String("--demo")), qPrintable(out));
    QCOMPARE(out.contains(translated.simplified()), german);
    QCOMPARE(out.contains(english), !german);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
