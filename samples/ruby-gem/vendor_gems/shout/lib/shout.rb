# frozen_string_literal: true

# A tiny local gem for the ruby-gem sample.
module Shout
  VERSION = '1.0.0'

  def self.loud(text)
    "#{text.upcase}!"
  end
end
