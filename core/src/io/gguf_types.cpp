// SPDX-License-Identifier: MIT
// The GGUF value and tensor type tables. Block sizes and bytes per block follow llama.cpp's GGUF
// specification (ggml's block structs); test_gguf checks the table against gguf-py's GGML_QUANT_SIZES.
#include <awq/error.hpp>
#include <awq/io/gguf.hpp>

#include <string>

namespace awq {

std::string_view gguf_value_type_name(GgufValueType t) {
    switch (t) {
    case GgufValueType::U8: return "UINT8";
    case GgufValueType::I8: return "INT8";
    case GgufValueType::U16: return "UINT16";
    case GgufValueType::I16: return "INT16";
    case GgufValueType::U32: return "UINT32";
    case GgufValueType::I32: return "INT32";
    case GgufValueType::F32: return "FLOAT32";
    case GgufValueType::Bool: return "BOOL";
    case GgufValueType::String: return "STRING";
    case GgufValueType::Array: return "ARRAY";
    case GgufValueType::U64: return "UINT64";
    case GgufValueType::I64: return "INT64";
    case GgufValueType::F64: return "FLOAT64";
    }
    return "?";
}

bool GgufArray::operator==(const GgufArray& o) const { return element_type == o.element_type && items == o.items; }

bool GgufValue::operator==(const GgufValue& o) const { return v == o.v; }

const std::vector<GgmlTypeInfo>& ggml_known_types() {
    // Q8_1 (an in-memory type of ggml's matrix products, never in files) and types newer than the
    // llama.cpp this table was checked against are left out: a file with them is refused as unknown.
    static const std::vector<GgmlTypeInfo> table = {
        {GgmlType::F32, "F32", 1, 4},          {GgmlType::F16, "F16", 1, 2},
        {GgmlType::Q4_0, "Q4_0", 32, 18},      {GgmlType::Q4_1, "Q4_1", 32, 20},
        {GgmlType::Q5_0, "Q5_0", 32, 22},      {GgmlType::Q5_1, "Q5_1", 32, 24},
        {GgmlType::Q8_0, "Q8_0", 32, 34},      {GgmlType::Q2_K, "Q2_K", 256, 84},
        {GgmlType::Q3_K, "Q3_K", 256, 110},    {GgmlType::Q4_K, "Q4_K", 256, 144},
        {GgmlType::Q5_K, "Q5_K", 256, 176},    {GgmlType::Q6_K, "Q6_K", 256, 210},
        {GgmlType::Q8_K, "Q8_K", 256, 292},    {GgmlType::IQ2_XXS, "IQ2_XXS", 256, 66},
        {GgmlType::IQ2_XS, "IQ2_XS", 256, 74}, {GgmlType::IQ3_XXS, "IQ3_XXS", 256, 98},
        {GgmlType::IQ1_S, "IQ1_S", 256, 50},   {GgmlType::IQ4_NL, "IQ4_NL", 32, 18},
        {GgmlType::IQ3_S, "IQ3_S", 256, 110},  {GgmlType::IQ2_S, "IQ2_S", 256, 82},
        {GgmlType::IQ4_XS, "IQ4_XS", 256, 136}, {GgmlType::I8, "I8", 1, 1},
        {GgmlType::I16, "I16", 1, 2},          {GgmlType::I32, "I32", 1, 4},
        {GgmlType::I64, "I64", 1, 8},          {GgmlType::F64, "F64", 1, 8},
        {GgmlType::IQ1_M, "IQ1_M", 256, 56},   {GgmlType::BF16, "BF16", 1, 2},
        {GgmlType::TQ1_0, "TQ1_0", 256, 54},   {GgmlType::TQ2_0, "TQ2_0", 256, 66},
        {GgmlType::MXFP4, "MXFP4", 32, 17},
    };
    return table;
}

const GgmlTypeInfo* ggml_type_info(uint32_t raw) {
    for (const auto& t : ggml_known_types())
        if (uint32_t(t.type) == raw) return &t;
    return nullptr;
}

const GgmlTypeInfo& ggml_type_info(GgmlType t) {
    const auto* info = ggml_type_info(uint32_t(t));
    if (info == nullptr) throw InvalidArgument("unknown ggml type " + std::to_string(uint32_t(t)));
    return *info;
}

bool ggml_nbytes(GgmlType t, int64_t n, uint64_t& out) {
    const auto* info = ggml_type_info(uint32_t(t));
    if (info == nullptr || n < 0 || n % info->block_size != 0) return false;
    return !__builtin_mul_overflow(uint64_t(n / info->block_size), uint64_t(info->type_size), &out);
}

int64_t GgufTensor::numel() const {
    int64_t n = 1;
    for (int64_t d : dims) n *= d;  // checked when the file was read
    return n;
}

}  // namespace awq
