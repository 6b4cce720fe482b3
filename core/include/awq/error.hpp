// SPDX-License-Identifier: MIT
#pragma once
// Typed errors of the core. Everything the core throws derives from awq::Error; the CLI and GUI catch
// awq::Error at their edge and show what() — so messages name the file and what is wrong.
#include <stdexcept>
#include <string>

namespace awq {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A file could not be opened, read, mapped or written (the OS said no).
class FileError : public Error {
public:
    using Error::Error;
};

// A file was read but its content is malformed or inconsistent.
class FormatError : public Error {
public:
    using Error::Error;
};

// Well-formed input that asks for something we do not support (a model_type, a tokenizer component).
class Unsupported : public Error {
public:
    using Error::Error;
};

// Bad arguments from the caller (a group size of 7, an empty prompt where one is required).
class InvalidArgument : public Error {
public:
    using Error::Error;
};

// A large allocation failed (std::bad_alloc caught where the core knows what it was allocating); the
// message says what and suggests how to need less.
class OutOfMemory : public Error {
public:
    using Error::Error;
};

// The progress callback asked to stop.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace awq
