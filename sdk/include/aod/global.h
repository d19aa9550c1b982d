#pragma once
//! \file global.h  Export macros and version of the AoD SDK.
#include <aod/aod_export.h>
#include <aod/version.h>

#include <QtGlobal>
