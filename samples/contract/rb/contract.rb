# frozen_string_literal: true

# The worker contract sample (Ruby): the same functions, with the same behaviour, as the
# node, py, ts and cs samples beside it. tests/Faas.Server.Tests/Contract runs them all.
# Names are camelCase like the others, so every language answers the same calls.

# Returns its argument unchanged.
def echo(value)
  value
end

def add(a, b)
  a + b
end

# Raises an error with the given message.
def fails(message)
  raise message
end

# Prints to stdout (which must end up in the app log, never in the result) and returns text.
def shout(text)
  puts "contract-stdout:#{text}"
  text
end

# Waits without blocking other calls (each call runs on a thread of its own).
def napMs(ms) # rubocop:disable Naming/MethodName
  sleep(ms / 1000.0)
  ms
end

# Ends the worker process at once.
def exitWith(code) # rubocop:disable Naming/MethodName
  exit!(code)
end

# Never returns, keeping the CPU busy.
def spin
  loop { nil }
end
