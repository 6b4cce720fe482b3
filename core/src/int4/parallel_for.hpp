// SPDX-License-Identifier: MIT
#pragma once
// An OpenMP loop whose iterations may throw: an exception must not leave an OpenMP region, so each
// iteration's is caught, the first one kept, and rethrown once the loop is done.
#include <cstdint>
#include <exception>

namespace awq {

// Static: iterations of equal cost (rows of a matrix). Dynamic, `chunk` at a time: iterations that differ.
enum class Schedule { Static, Dynamic };

template <class Body>
void parallel_for(int64_t first, int64_t last, Body body, Schedule schedule = Schedule::Static, int chunk = 1) {
    std::exception_ptr error;
    const auto run = [&](int64_t k) {
        try {
            body(k);
        } catch (...) {
#pragma omp critical(awq_parallel_for_error)
            if (!error) error = std::current_exception();
        }
    };
    if (schedule == Schedule::Static) {
#pragma omp parallel for schedule(static)
        for (int64_t k = first; k < last; ++k) run(k);
    } else {
#pragma omp parallel for schedule(dynamic, chunk)
        for (int64_t k = first; k < last; ++k) run(k);
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace awq
