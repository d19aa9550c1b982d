#pragma once
//! \file roles.h  Item data roles shared by the list models, their proxies and the views.
#include <Qt>

namespace Aod::Ui {

enum Role {
    IdRole = Qt::UserRole + 1, //!< the resource id (QString)
    StatusRole,                //!< a lowercase status string used by the status filter
    SortRole,                  //!< a sortable value (QDateTime, int, QString)
    ObjectRole,                //!< the whole value (QVariant of Aod::Agent, Aod::Session, ...)
    KindRole,                  //!< OutputLogModel: LogLine::Kind as int
    TurnRole,                  //!< OutputLogModel: turn number
    ActiveRole,                //!< SessionListModel: pending or running (bool)
};

} // namespace Aod::Ui
