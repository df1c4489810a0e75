# frozen_string_literal: true

# Faas sample: plain Ruby functions. Every top-level method is callable.

def add(a, b)
  a + b
end

def greet(name)
  "Hello, #{name}!"
end

def fail_with(msg)
  raise ArgumentError, msg
end

# puts goes to the app log (the worker points stdout at stderr); only the result is returned.
def noisy(x)
  puts "noisy called with #{x}"
  x
end

# A keyword argument: call it with {"text": "hi", "times": 3}.
def repeat(text, times: 2)
  text * times
end
