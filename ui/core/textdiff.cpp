#include "textdiff.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <vector>

namespace Aod::Ui::Diff {

QList<Line> lines(const QString &before, const QString &after)
{
    const QStringList a = before.isEmpty() ? QStringList{} : before.split(QLatin1Char('\n'));
    const QStringList b = after.isEmpty() ? QStringList{} : after.split(QLatin1Char('\n'));
    const qsizetype n = a.size(), m = b.size();
    QList<Line> out;
    if (n * m > 4'000'000) {
        for (const QString &l : a)
            out.append({Line::Removed, l});
        for (const QString &l : b)
            out.append({Line::Added, l});
        return out;
    }
    // lcs[i][j]: LCS length of a[i..] and b[j..]
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = a[i] == b[j] ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            out.append({Line::Same, a[i]});
            ++i;
            ++j;
        } else if (lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)]) {
            out.append({Line::Removed, a[i++]});
        } else {
            out.append({Line::Added, b[j++]});
        }
    }
    while (i < n)
        out.append({Line::Removed, a[i++]});
    while (j < m)
        out.append({Line::Added, b[j++]});
    return out;
}

QString toText(const QList<Line> &diff)
{
    QString out;
    for (const Line &l : diff) {
        out += QChar::fromLatin1(char(l.op));
        out += l.text;
        out += QLatin1Char('\n');
    }
    return out;
}

static QString tr(const char *s)
{
    return QCoreApplication::translate("Aod::Ui::Diff", s);
}

static QString pretty(const QJsonValue &v)
{
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    return v.toVariant().toString();
}

QList<QPair<QString, QString>> fields(const Aod::AgentContent &c)
{
    QJsonArray skills, mcp;
    for (const auto &s : c.skills)
        skills.append(s.toJson());
    for (const auto &s : c.mcpServers)
        mcp.append(s.toJson());
    return {
        {tr("Name"), c.name},
        {tr("Provider"), c.provider},
        {tr("Model"), c.model},
        {tr("Environment"), c.environmentId},
        {tr("Description"), c.description},
        {tr("System prompt"), c.system},
        {tr("Skills"), skills.isEmpty() ? QString() : pretty(skills)},
        {tr("MCP servers"), mcp.isEmpty() ? QString() : pretty(mcp)},
        {tr("Metadata"), c.metadata.isEmpty() ? QString() : pretty(c.metadata)},
    };
}

QList<QPair<QString, QString>> fields(const Aod::EnvironmentContent &c)
{
    QJsonObject packages;
    for (auto it = c.packages.cbegin(); it != c.packages.cend(); ++it)
        packages.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return {
        {tr("Name"), c.name},
        {tr("Networking"), c.networking.type},
        {tr("Allowed hosts"), c.networking.allowedHosts.join(QLatin1Char('\n'))},
        {tr("Packages"), packages.isEmpty() ? QString() : pretty(packages)},
        {tr("Setup script"), c.setupScript},
    };
}

QList<FieldChange> changes(const QList<QPair<QString, QString>> &before,
                           const QList<QPair<QString, QString>> &after)
{
    QList<FieldChange> out;
    for (const auto &b : before) {
        QString a;
        for (const auto &x : after) {
            if (x.first == b.first) {
                a = x.second;
                break;
            }
        }
        if (a != b.second)
            out.append({b.first, b.second, a});
    }
    return out;
}

QString toHtml(const QList<FieldChange> &list, bool dark)
{
    if (list.isEmpty())
        return QStringLiteral("<p><i>%1</i></p>").arg(tr("No differences."));
    const QString addBg = dark ? QStringLiteral("#123328") : QStringLiteral("#e6f6ee");
    const QString delBg = dark ? QStringLiteral("#3d1a1e") : QStringLiteral("#fdecee");
    QString html;
    for (const FieldChange &c : list) {
        html += QStringLiteral("<h4>%1</h4><pre style=\"margin:0\">").arg(c.field.toHtmlEscaped());
        const auto d = lines(c.before, c.after);
        for (const Line &l : d) {
            const QString text = l.text.toHtmlEscaped();
            if (l.op == Line::Added)
                html += QStringLiteral("<span style=\"background:%1\">+ %2</span>\n").arg(addBg, text);
            else if (l.op == Line::Removed)
                html += QStringLiteral("<span style=\"background:%1\">- %2</span>\n").arg(delBg, text);
            else
                html += QStringLiteral("  %1\n").arg(text);
        }
        html += QStringLiteral("</pre>");
    }
    return html;
}

} // namespace Aod::Ui::Diff
