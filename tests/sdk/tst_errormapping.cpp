// Status + body -> Aod::Error: one table, every error class and every odd body shape.
#include "errormapping_p.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Aod::Error;


// Qt 6.4's moc loses track of the class after a raw string literal that spans lines.
static QByteArray listDetailBody()
{
    return "{\"detail\": [{\"type\": \"missing\", \"loc\": [\"prompt\"], \"msg\": \"Field required\", "
           "\"input\": {\"agent_id\": \"x\"}, \"url\": \"https://errors.pydantic.dev/2.11/v/missing\"}, "
           "{\"type\": \"greater_than_equal\", \"loc\": [\"resources\", 0, \"timeout\"], "
           "\"msg\": \"Input should be greater than or equal to 10\", \"input\": 5, \"ctx\": {\"ge\": 10}}]}";
}

class TestErrorMapping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void codes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Error::Code>("code");
        QTest::addColumn<bool>("transient");
        QTest::newRow("400") << 400 << Error::Code::HttpError << false;
        QTest::newRow("401") << 401 << Error::Code::AuthenticationError << false;
        QTest::newRow("403") << 403 << Error::Code::AuthenticationError << false;
        QTest::newRow("404") << 404 << Error::Code::NotFound << false;
        QTest::newRow("405") << 405 << Error::Code::HttpError << false;
        QTest::newRow("409") << 409 << Error::Code::Conflict << false;
        QTest::newRow("422") << 422 << Error::Code::ValidationError << false;
        QTest::newRow("429") << 429 << Error::Code::RateLimited << false;
        QTest::newRow("500") << 500 << Error::Code::ServerError << false;
        QTest::newRow("502") << 502 << Error::Code::ServerError << true;
        QTest::newRow("503") << 503 << Error::Code::ServerError << true;
        QTest::newRow("504") << 504 << Error::Code::ServerError << true;
        QTest::newRow("418") << 418 << Error::Code::HttpError << false;
        QTest::newRow("302") << 302 << Error::Code::HttpError << false;
    }
    void codes()
    {
        QFETCH(int, status);
        QFETCH(Error::Code, code);
        QFETCH(bool, transient);
        QCOMPARE(Aod::ErrorMapping::codeForStatus(status), code);
        const Error e = Aod::ErrorMapping::fromHttpResponse(status, "{\"detail\":\"x\"}", "GET", QUrl(QStringLiteral("http://h/agents")));
        QCOMPARE(e.code(), code);
        QCOMPARE(e.httpStatus(), status);
        QCOMPARE(e.isTransient(), transient);
        QCOMPARE(e.method(), QByteArray("GET"));
        QCOMPARE(e.message(), QStringLiteral("GET /agents -> %1: x").arg(status));
    }

    void stringDetail()
    {
        const Error e = Aod::ErrorMapping::fromHttpResponse(409, R"({"detail": "Version mismatch: expected 3, got 2"})", "PUT",
                                             QUrl(QStringLiteral("http://h/agents/a1")));
        QCOMPARE(e.detail().toString(), QStringLiteral("Version mismatch: expected 3, got 2"));
        QCOMPARE(e.detailText(), QStringLiteral("Version mismatch: expected 3, got 2"));
        QVERIFY(e.validationItems().isEmpty());
        QCOMPARE(e.message(), QStringLiteral("PUT /agents/a1 -> 409: Version mismatch: expected 3, got 2"));
    }

    void listDetail()
    {
        const QByteArray body = listDetailBody();
        const Error e = Aod::ErrorMapping::fromHttpResponse(422, body, "POST", QUrl(QStringLiteral("http://h/sessions")));
        QCOMPARE(e.code(), Error::Code::ValidationError);
        QVERIFY(e.detail().isArray());
        QCOMPARE(e.validationItems().size(), 2);
        QCOMPARE(e.validationItems().at(0).type, QStringLiteral("missing"));
        QCOMPARE(e.validationItems().at(0).field(), QStringLiteral("prompt"));
        QCOMPARE(e.validationItems().at(1).loc, (QVariantList{QStringLiteral("resources"), 0, QStringLiteral("timeout")}));
        QCOMPARE(e.validationItems().at(1).input.toInt(), 5);
        QVERIFY(e.message().contains(QStringLiteral("prompt: Field required")));
    }

    void stringDetail422()
    {
        const Error e = Aod::ErrorMapping::fromHttpResponse(
            422, R"({"detail": "Unknown provider: x. Must be one of: ['anthropic', 'openai']"})", "POST",
            QUrl(QStringLiteral("http://h/agents")));
        QCOMPARE(e.code(), Error::Code::ValidationError);
        QVERIFY(e.validationItems().isEmpty());
        QVERIFY(e.detail().isString());
    }

    void rateLimit()
    {
        const Error e = Aod::ErrorMapping::fromHttpResponse(
            429, R"({"detail": "Concurrent session limit reached (3/3).", "limit": 3, "active": 3})", "POST",
            QUrl(QStringLiteral("http://h/sessions")));
        QCOMPARE(e.code(), Error::Code::RateLimited);
        QCOMPARE(e.rateLimit(), 3);
        QCOMPARE(e.activeCount(), 3);
        const Error bad = Aod::ErrorMapping::fromHttpResponse(429, R"({"detail": "x", "limit": "3"})", "POST",
                                               QUrl(QStringLiteral("http://h/sessions")));
        QCOMPARE(bad.rateLimit(), -1);
        QCOMPARE(bad.activeCount(), -1);
    }

    void htmlAndEmptyBodies()
    {
        const QByteArray html = "<!DOCTYPE html><html><head><title>Page not found at /agents/</title></head><body>x</body></html>";
        const Error e = Aod::ErrorMapping::fromHttpResponse(404, html, "GET", QUrl(QStringLiteral("http://h/agents/")));
        QCOMPARE(e.code(), Error::Code::NotFound);
        QVERIFY(e.detail().isUndefined());
        QVERIFY2(e.message().contains(QStringLiteral("Page not found at /agents/")), qPrintable(e.message()));
        QCOMPARE(e.rawSample(), html);

        const Error empty = Aod::ErrorMapping::fromHttpResponse(405, QByteArray(), "DELETE", QUrl(QStringLiteral("http://h/sessions/x")));
        QCOMPARE(empty.code(), Error::Code::HttpError);
        QVERIFY(empty.message().endsWith(QStringLiteral("405: empty body")));

        const Error big = Aod::ErrorMapping::fromHttpResponse(500, QByteArray(100000, 'x'), "GET", QUrl(QStringLiteral("http://h/x")));
        QCOMPARE(big.rawSample().size(), Error::RawSampleLimit);
        QCOMPARE(big.code(), Error::Code::ServerError);
    }

    void decodeBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("why");
        QTest::newRow("object") << QByteArray("{\"a\":1}") << true << QString();
        QTest::newRow("array") << QByteArray("[1]") << true << QString();
        QTest::newRow("empty") << QByteArray("") << false << QStringLiteral("empty body");
        QTest::newRow("html") << QByteArray("<html></html>") << false << QStringLiteral("HTML where JSON");
        QTest::newRow("truncated") << QByteArray("{\"data\": [{\"id\": ") << false << QStringLiteral("malformed JSON");
        QTest::newRow("scalar") << QByteArray("42") << false << QStringLiteral("malformed JSON");
    }
    void decodeBody()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(QString, why);
        QJsonValue out;
        QString error;
        QCOMPARE(Aod::ErrorMapping::decodeJsonBody(body, out, &error), ok);
        if (!ok)
            QVERIFY2(error.startsWith(why), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestErrorMapping)
#include "tst_errormapping.moc"
