#pragma once
//! \file theme.h  Colours that read well in a light and in a dark palette.
#include <QColor>
#include <QPalette>
#include <QString>

namespace Aod::Ui::Theme {

//! True when the application palette is dark (window colour lightness below half).
bool isDark(const QPalette &palette);
bool isDark();

struct StatusColors
{
    QColor foreground;
    QColor background;
};
//! The dashboard's status colours (sdk-parity §4.2), lifted for dark palettes.
StatusColors statusColors(const QString &status, bool dark);
StatusColors statusColors(const QString &status);

//! A dark palette (Fusion style) for `--dark` and for testing the colours.
QPalette darkPalette();

} // namespace Aod::Ui::Theme
