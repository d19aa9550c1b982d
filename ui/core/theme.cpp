#include "theme.h"

#include <QApplication>

namespace Aod::Ui::Theme {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool isDark()
{
    return isDark(QApplication::palette());
}

StatusColors statusColors(const QString &status, bool dark)
{
    struct Entry { const char *name; QRgb fg; QRgb bg; QRgb darkFg; QRgb darkBg; };
    static const Entry table[] = {
        {"running", 0xb7791f, 0xfff6df, 0xf2b84b, 0x3a2e12},
        {"pending", 0x5b5cf6, 0xeef0ff, 0x9d9efc, 0x23244a},
        {"completed", 0x16a67a, 0xe9f8f2, 0x4cd19b, 0x123328},
        {"failed", 0xc2414b, 0xfff0f1, 0xff7b86, 0x3d1a1e},
        {"terminated", 0x5f6678, 0xeef1f6, 0xaab1c2, 0x2a2e38},
        {"active", 0x16a67a, 0xe9f8f2, 0x4cd19b, 0x123328},
        {"archived", 0x5f6678, 0xeef1f6, 0xaab1c2, 0x2a2e38},
    };
    for (const Entry &e : table) {
        if (status == QLatin1String(e.name))
            return dark ? StatusColors{QColor::fromRgb(e.darkFg), QColor::fromRgb(e.darkBg)}
                        : StatusColors{QColor::fromRgb(e.fg), QColor::fromRgb(e.bg)};
    }
    return {};
}

StatusColors statusColors(const QString &status)
{
    return statusColors(status, isDark());
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1e, 0x21, 0x2a), base(0x14, 0x17, 0x1f), text(0xe3, 0xe6, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x1a, 0x1d, 0x26));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x7d, 0x84, 0x96));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x6e, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6b, 0x70, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6b, 0x70, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6b, 0x70, 0x7c));
    return p;
}

} // namespace Aod::Ui::Theme
