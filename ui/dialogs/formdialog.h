#pragma once
//! \file formdialog.h  Base of the editors: inline validation from the SDK's client-side rules
//! (fields marked, messages listed as you type), an error banner, Save/Cancel.
#include <aod/error.h>

#include <QDialog>
#include <QHash>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace Aod::Ui {

class ErrorBanner;

class FormDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FormDialog(QWidget *parent = nullptr);

    ErrorBanner *banner() const { return m_banner; }
    QPushButton *saveButton() const;
    //! The validation messages shown now ("name: Field required", ...).
    QStringList validationMessages() const { return m_messages; }
    //! Fields marked invalid (their loc[0] names).
    QStringList invalidFields() const;
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void validationChanged();

protected:
    //! Subclasses add their form here.
    QVBoxLayout *body() const { return m_body; }
    //! Ties a top-level API field name (loc[0]) to the widget that edits it.
    void registerField(const QString &name, QWidget *widget);
    //! Connect every edit signal to this: validation runs 150 ms after the last keystroke.
    void scheduleValidation();
    //! Runs the SDK's validate() on the form's current value.
    virtual QList<Aod::ValidationItem> validateForm() const = 0;
    //! Save was pressed and validation passed.
    virtual void submit() = 0;
    void showValidation(const QList<Aod::ValidationItem> &items);
    void setBusy(bool busy);
    //! 422 from the server: the items go to the fields; anything else to the banner.
    void showServerError(const Aod::Error &error, const QString &context);

public:
    //! Validates now and submits when valid (the Save button).
    void trySubmit();
    void validateNow();

private:
    ErrorBanner *m_banner;
    QVBoxLayout *m_body;
    QLabel *m_validation;
    QDialogButtonBox *m_buttons;
    QTimer m_debounce;
    QHash<QString, QWidget *> m_fields;
    QStringList m_messages;
    QStringList m_invalid;
    bool m_busy = false;
};

} // namespace Aod::Ui
