// aod-desktop: the composition root. Organisation and application names come first (QSettings
// and the keychain service depend on them); then settings, token store, connection, window.
#include "core/connectionmanager.h"
#include "core/theme.h"
#include "mainwindow.h"
#include "screenshots.h"
#include "settings/appsettings.h"
#include "settings/tokenstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStyleFactory>
#include <QTranslator>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("AoD"));
    QApplication::setOrganizationDomain(QStringLiteral("aod.ravi.id"));
    QApplication::setApplicationName(QStringLiteral("aod-desktop"));
    QApplication::setApplicationVersion(QStringLiteral(AOD_APP_VERSION));
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("AoD Desktop"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/aod-desktop.svg")));
    QApplication::setDesktopFileName(QStringLiteral("id.ravi.aod.Desktop"));

    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(QLocale(), QStringLiteral("aod"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || appTranslator.load(QStringLiteral(":/i18n/aod_en.qm")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Operator app for the Agent on Demand API."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"),
        QApplication::translate("main", "Start the offline demo (a local AoD server inside the app)."));
    QCommandLineOption dark(QStringLiteral("dark"), QApplication::translate("main", "Use a dark palette."));
    QCommandLineOption settingsFile(QStringLiteral("settings"),
        QApplication::translate("main", "Use this INI file instead of the user's settings."), QStringLiteral("file"));
    QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
        QApplication::translate("main", "Keep tokens for this session only."));
    QCommandLineOption shots(QStringLiteral("screenshots"),
        QApplication::translate("main", "Save screenshots of the demo into a folder, then quit."), QStringLiteral("dir"));
    parser.addOptions({demo, dark, settingsFile, noKeychain, shots});
    parser.process(app);

    if (parser.isSet(dark)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(Aod::Ui::Theme::darkPalette());
    }
    const bool screenshotMode = parser.isSet(shots);
    std::unique_ptr<Aod::Ui::AppSettings> settings;
    if (parser.isSet(settingsFile))
        settings = std::make_unique<Aod::Ui::AppSettings>(parser.value(settingsFile));
    else if (screenshotMode) { // screenshots never read or change the user's settings
        const QString ini = QDir::temp().filePath(QStringLiteral("aod-desktop-screenshots.ini"));
        QFile::remove(ini);
        settings = std::make_unique<Aod::Ui::AppSettings>(ini);
    }
    else
        settings = std::make_unique<Aod::Ui::AppSettings>();
    Aod::Ui::TokenStore tokens(parser.isSet(noKeychain) || screenshotMode ? Aod::Ui::TokenStore::Backend::SessionOnly
                                                                           : Aod::Ui::TokenStore::Backend::Keychain);
    Aod::Ui::ConnectionManager connection;
    Aod::Ui::MainWindow window(settings.get(), &tokens, &connection);

    if (screenshotMode) {
        window.resize(1280, 780);
        window.show();
        auto *runner = new ScreenshotRunner(&window, &connection, parser.value(shots), &app);
        runner->start();
        return QApplication::exec();
    }
    window.show();
    if (parser.isSet(demo)) {
        QString error;
        if (!connection.startDemo(&error))
            window.showConnectionDialog();
    } else {
        window.startup();
    }
    return QApplication::exec();
}
