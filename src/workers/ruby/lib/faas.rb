# frozen_string_literal: true

# `require 'faas'` in a function: the platform services of its app (docs/services.md):
#   Faas.log.info('hello'); Faas.kv.get('k'); Faas.kv.set('k', 'v'); Faas.env.get('NAME')
# The worker has already defined them (faas_services.rb); this file only makes the require succeed.
require_relative '../faas_services'
