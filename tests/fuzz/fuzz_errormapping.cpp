// libFuzzer target: ErrorMapping with an arbitrary HTTP status and body.
//
// Input: an optional head line "<status> <METHOD> <path>\n" followed by the response body
// (readable seeds: `422 POST /agents\n{"detail": [...]}`). Without a parseable head line the
// whole input is the body and the status is derived from its size, so plain JSON or HTML
// bodies are useful inputs too.
//
// Beyond "no crash, no sanitizer report", every result must keep the mapping's promises:
// the code follows the status table, the status/method/URL are carried, the raw sample is
// bounded, the message names the request, a 422 list detail yields one typed item per list
// entry, and 429 numbers are only taken from JSON numbers.
#include "errormapping_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        abort();
}

struct Input {
    int status = 500;
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;
};

Input split(const QByteArray &bytes)
{
    Input in;
    in.url = QUrl(QStringLiteral("http://127.0.0.1:8777/agents"));
    const qsizetype nl = bytes.indexOf('\n');
    const QList<QByteArray> head = nl >= 0 ? bytes.left(nl).split(' ') : QList<QByteArray>{};
    bool ok = false;
    const int status = head.isEmpty() ? 0 : head.first().toInt(&ok);
    if (ok && head.size() >= 2) {
        // Any int the wire could never carry is folded into 0..999, like a broken proxy might send.
        in.status = status < 0 ? 0 : status % 1000;
        in.method = head.at(1).left(16);
        if (head.size() >= 3)
            in.url = QUrl(QStringLiteral("http://127.0.0.1:8777") + QString::fromUtf8(head.at(2)));
        in.body = bytes.mid(nl + 1);
    } else {
        static const int statuses[] = {400, 401, 403, 404, 405, 409, 422, 429, 500, 502, 503, 504, 418, 599};
        in.status = statuses[size_t(bytes.size()) % (sizeof statuses / sizeof *statuses)];
        in.body = bytes;
    }
    return in;
}

void checkError(const Aod::Error &error, const Input &in)
{
    check(error.isError());
    check(error.code() == Aod::ErrorMapping::codeForStatus(in.status));
    check(error.httpStatus() == in.status);
    check(error.method() == in.method);
    check(error.url() == in.url.adjusted(QUrl::RemoveUserInfo)); // credentials never kept
    check(error.networkError() == QNetworkReply::NoError);
    check(error.rawSample().size() <= Aod::Error::RawSampleLimit);
    check(in.body.startsWith(error.rawSample()));
    check(error.message().startsWith(Aod::ErrorMapping::describeRequest(in.method, in.url)));
    const bool transientStatus = in.status == 502 || in.status == 503 || in.status == 504;
    check(error.isTransient() == transientStatus);

    const QJsonValue detail = error.detail();
    if (detail.isArray()) {
        const QJsonArray items = detail.toArray();
        // Every list entry becomes one item (objects or not), and they render without crashing.
        const QList<Aod::ValidationItem> typed = error.validationItems();
        check(typed.size() == items.size());
        for (const Aod::ValidationItem &item : typed) {
            (void)item.field();
            (void)item.toJson();
        }
    }
    (void)error.detailText();
    if (in.status != 429)
        check(error.rateLimit() == -1 && error.activeCount() == -1);

    // The debug printer must cope with whatever the body held.
    QString printed;
    QDebug(&printed) << error;
    check(!printed.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Input in = split(bytes);

    checkError(Aod::ErrorMapping::fromHttpResponse(in.status, in.body, in.method, in.url), in);

    // The same body as a 2xx answer: decoding either succeeds with an object or an array, or
    // fails with a reason; an InvalidResponse built from it keeps the request and status.
    QJsonValue value;
    QString why;
    if (Aod::ErrorMapping::decodeJsonBody(in.body, value, &why)) {
        check(value.isObject() || value.isArray());
    } else {
        check(!why.isEmpty());
        const Aod::Error invalid = Aod::ErrorMapping::invalidResponse(200, in.body, why, in.method, in.url);
        check(invalid.code() == Aod::Error::Code::InvalidResponse);
        check(invalid.httpStatus() == 200);
        check(invalid.rawSample().size() <= Aod::Error::RawSampleLimit);
    }
    return 0;
}
