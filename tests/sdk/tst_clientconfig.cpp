// ClientConfig: precedence, URL checks, token redaction, insecure-http opt-in.
#include <aod/clientconfig.h>

#include <QTest>

using Aod::ClientConfig;
using Aod::Error;

class TestClientConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        qunsetenv("AOD_API_URL");
        qunsetenv("AOD_API_TOKEN");
    }

    void precedence()
    {
        QCOMPARE(ClientConfig::fromEnvironment().baseUrlString(), QStringLiteral("http://localhost:8777"));
        QVERIFY(ClientConfig::fromEnvironment().token().isEmpty());
        qputenv("AOD_API_URL", "https://aod.example.org///");
        qputenv("AOD_API_TOKEN", "aod_envtoken");
        QCOMPARE(ClientConfig::fromEnvironment().baseUrlString(), QStringLiteral("https://aod.example.org"));
        QCOMPARE(ClientConfig::fromEnvironment().token(), QStringLiteral("aod_envtoken"));
        const ClientConfig explicitConfig =
            ClientConfig::fromEnvironment(QStringLiteral("http://127.0.0.1:9/"), QStringLiteral("aod_arg"));
        QCOMPARE(explicitConfig.baseUrlString(), QStringLiteral("http://127.0.0.1:9"));
        QCOMPARE(explicitConfig.token(), QStringLiteral("aod_arg"));
        // Empty strings fall through to the environment (the Python SDK's rule).
        QCOMPARE(ClientConfig::fromEnvironment(QString(), QString()).token(), QStringLiteral("aod_envtoken"));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("allowInsecure");
        QTest::addColumn<bool>("ok");
        QTest::newRow("loopback http") << "http://127.0.0.1:8777" << "aod_x" << false << true;
        QTest::newRow("localhost http") << "http://localhost:8777" << "aod_x" << false << true;
        QTest::newRow("ipv6 loopback") << "http://[::1]:8777" << "aod_x" << false << true;
        QTest::newRow("https remote") << "https://aod.ravi.id" << "aod_x" << false << true;
        QTest::newRow("http remote refused") << "http://aod.ravi.id" << "aod_x" << false << false;
        QTest::newRow("http remote opted in") << "http://aod.ravi.id" << "aod_x" << true << true;
        QTest::newRow("missing token") << "https://aod.ravi.id" << "" << false << false;
        QTest::newRow("no scheme") << "aod.ravi.id" << "aod_x" << false << false;
        QTest::newRow("ftp") << "ftp://aod.ravi.id" << "aod_x" << false << false;
        QTest::newRow("garbage") << "http://" << "aod_x" << false << false;
        QTest::newRow("query") << "https://h/?x=1" << "aod_x" << false << false;
        QTest::newRow("newline token") << "https://h" << "aod_x\nX-Evil: 1" << false << false;
    }
    void validation()
    {
        QFETCH(QString, url);
        QFETCH(QString, token);
        QFETCH(bool, allowInsecure);
        QFETCH(bool, ok);
        ClientConfig c(url, token);
        c.setAllowInsecureHttp(allowInsecure);
        const Error e = c.validate();
        QCOMPARE(!e.isError(), ok);
        if (!ok) {
            QCOMPARE(e.code(), Error::Code::ConfigurationError);
            QVERIFY(!e.message().isEmpty());
        }
    }

    void healthNeedsNoToken()
    {
        ClientConfig c(QStringLiteral("http://127.0.0.1:1"), QString());
        QVERIFY(c.validate(true).isError());
        QVERIFY(!c.validate(false).isError());
    }

    void redaction()
    {
        const QString token = QStringLiteral("aod_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
        ClientConfig c(QStringLiteral("https://h"), token);
        QString text;
        QDebug(&text) << c;
        QVERIFY(!text.contains(token));
        QVERIFY(!text.contains(token.mid(10)));
        QVERIFY(text.contains(QStringLiteral("aod_0123")));
        QCOMPARE(ClientConfig().redactedToken(), QStringLiteral("(none)"));
    }

    void userAgent()
    {
        QVERIFY(ClientConfig().userAgent().startsWith("aod-qt/"));
        QCOMPARE(ClientConfig().userAgent(), QByteArray("aod-qt/" AOD_VERSION_STRING));
    }
};

QTEST_GUILESS_MAIN(TestClientConfig)
#include "tst_clientconfig.moc"
