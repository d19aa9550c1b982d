#pragma once
//! \file errorbanner.h  Errors in a banner with an expandable details pane: never a modal storm.
//! The same message again only bumps a counter.
#include <aod/error.h>

#include <QFrame>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace Aod::Ui {

class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error };
    Q_ENUM(Level)

    explicit ErrorBanner(QWidget *parent = nullptr);

    //! "\a context: message", with the code, HTTP status, request, detail, validation items and
    //! raw body sample in the details pane.
    void showError(const Aod::Error &error, const QString &context = {});
    void showMessage(const QString &text, Level level = Level::Info, const QString &details = {});
    //! One optional action button (e.g. "Open active sessions" after a 429); cleared by the
    //! next show*() call.
    void setAction(const QString &text, std::function<void()> action);
    void dismiss();

    QString text() const;
    QString detailsText() const;
    int repeatCount() const { return m_repeat; }
    Level level() const { return m_level; }

    static QString describe(const Aod::Error &error);

Q_SIGNALS:
    void dismissed();

private:
    void applyLevel();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_detailsButton;
    QPushButton *m_actionButton;
    QToolButton *m_close;
    QPlainTextEdit *m_details;
    QString m_lastKey;
    int m_repeat = 1;
    Level m_level = Level::Info;
    std::function<void()> m_action;
};

} // namespace Aod::Ui
