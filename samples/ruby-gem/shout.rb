# frozen_string_literal: true

# Faas sample: a Ruby app using a gem from its Gemfile (a local path gem, installed at deploy
# time with `bundle install`).
require 'shout'

def shout(text)
  Shout.loud(text)
end

def shout_version
  Shout::VERSION
end
