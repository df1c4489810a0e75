# frozen_string_literal: true

Gem::Specification.new do |spec|
  spec.name = 'shout'
  spec.version = '1.0.0'
  spec.summary = 'Faas sample gem: upper-cases text.'
  spec.authors = ['Faas']
  spec.files = ['lib/shout.rb']
  spec.require_paths = ['lib']
  spec.license = 'MIT'
end
