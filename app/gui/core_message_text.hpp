// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI's wording of the core's user-facing messages in the normal flow, from the core's stable codes and
// data rather than its English lines (which stay for the CLI and logs), so a German or Chinese window says
// them in its own language: why work does not run on the GPU (awq::GpuMissing with its argument; the
// Quantize page's worker and the chat's), why a scale group was skipped (the Inspect page), and which chat
// template a model uses (the Model page, the chat panes, the prompt dialog), and the run estimate's terms
// (the Quantize step's tooltip).
#include <awq/device/device_choice.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/run_estimate.hpp>
#include <awq/tokenizer/chat_template.hpp>

#include <QString>

namespace awq::gui {

QString gpuMissingText(const GpuStatus& gpu);

// Why a placement ended on the CPU: the probe's code when there was no GPU, else the failure to make the
// object there (the core's message: a model too large or a layout the GPU cannot run).
QString cpuReasonText(const GpuStatus& gpu, const std::string& cpu_reason);

// Why a scale group has no search: not quantized (its input width is not a multiple of the group size) or,
// for o, grouped-query attention (v_proj's outputs do not line up with o_proj's inputs). Other reasons (none
// today) fall back to the core's line.
QString skippedGroupText(const GroupReport& g);

// "Jinja template (1234 characters)", or plain text with the core's note (what is missing, and where).
QString chatTemplateText(const ChatTemplate& t);

// A run estimate's term: its fixed label translated (an unknown label as the core wrote it), then its token
// count.
QString estimateTermText(const EstimateTerm& t);

}  // namespace awq::gui
