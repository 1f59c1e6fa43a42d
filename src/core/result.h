#pragma once
// Result<T>: a value or an error message, for boundaries where failure is expected input.
#include <string>
#include <utility>
#include <variant>

namespace rasad {

struct Error {
  std::string message;
  int code = 0;  // where a boundary keeps one: the store's result code (store::kInterrupted...)
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T value_or(T fallback) const { return ok() ? value() : fallback; }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const std::string& error() const { return std::get<1>(v_).message; }
  int error_code() const { return std::get<1>(v_).code; }

 private:
  std::variant<T, Error> v_;
};

}  // namespace rasad
