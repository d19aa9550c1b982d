#pragma once
//! \file genericformatter.h  Aod::GenericFormatter: stdout lines verbatim, for runtimes
//! without a dedicated formatter (the official Python SDK's `GenericFormatter`).
#include <aod/format/outputformatter.h>

namespace Aod {

//! \brief Yields every non-empty stdout line unchanged (Kind::Passthrough), with the same
//! event filter, line buffering and trailing-CR stripping as the other formatters
//! (sdk-parity §2.6).
//!
//! flush(): strips the tail's trailing CRs and yields it if it holds anything but
//! whitespace; the buffer is always cleared.
class AOD_EXPORT GenericFormatter : public OutputFormatter
{
public:
    GenericFormatter();
    ~GenericFormatter() override;

    QList<FormattedItem> formatLine(QStringView line) override;
    QString name() const override;
};

} // namespace Aod
