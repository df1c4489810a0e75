# frozen_string_literal: true

require 'json'

# The platform services behind `require 'faas'` (docs/services.md): the app's log, KV store and env,
# as requests from this worker to the server over the protocol pipe (docs/protocol.md, "Worker
# requests"). Calls are synchronous. The main thread reads the worker's input: it hands each reply to
# the call thread waiting for it; a request made on the main thread itself (a script's top level,
# during load) reads the input until its reply, keeping the requests it reads meanwhile for later.
module Faas
  class FaasError < StandardError; end

  class Services
    def initialize(chan, input)
      @chan = chan
      @input = input
      @reader = Thread.current
      @backlog = []
      @lock = Mutex.new
      @waiting = {} # id -> Queue
      @next = 0
    end

    # The worker's input: first what a request on the main thread read on its behalf, then the pipe.
    def each_line
      loop do
        yield @backlog.shift until @backlog.empty?
        line = @input.gets
        break if line.nil?

        yield line
      end
    end

    # A reply read by the main thread (a line with a string id and no method).
    def on_reply(msg)
      queue = @lock.synchronize { @waiting[msg['id']] }
      queue&.push(msg)
    end

    def notify(method, params)
      @chan.send_line(JSON.generate({ 'jsonrpc' => '2.0', 'method' => method, 'params' => params }) + "\n")
    end

    def request(method, params)
      rid = @lock.synchronize { "w#{@next += 1}" }
      line = JSON.generate({ 'jsonrpc' => '2.0', 'id' => rid, 'method' => method, 'params' => params }) + "\n"
      msg = Thread.current == @reader ? read_own(rid, line) : wait_for(rid, line)
      error = msg['error']
      raise FaasError, (error.is_a?(Hash) ? error['message'].to_s : error.to_s) unless error.nil?

      msg['result']
    end

    private

    def wait_for(rid, line)
      queue = Queue.new
      @lock.synchronize { @waiting[rid] = queue }
      @chan.send_line(line)
      queue.pop
    ensure
      @lock.synchronize { @waiting.delete(rid) }
    end

    def read_own(rid, line)
      @chan.send_line(line)
      loop do
        text = @input.gets
        raise FaasError, 'the server closed the pipe before answering' if text.nil?

        msg = begin
          JSON.parse(text.dup.force_encoding(Encoding::UTF_8))
        rescue JSON::ParserError, EncodingError
          nil
        end
        return msg if msg.is_a?(Hash) && !msg.key?('method') && msg['id'] == rid

        @backlog << text
      end
    end
  end

  # The services as user code sees them: Faas.log, Faas.kv, Faas.env.
  module Api
    def self.text(value, what)
      return value if value.is_a?(String)
      return value.to_s if value.is_a?(Numeric) || value == true || value == false || value.is_a?(Symbol)

      raise TypeError, "#{what}: expected a string, got #{value.class}"
    end

    class Log
      def initialize(services)
        @services = services
      end

      %w[info debug warn error].each do |level|
        define_method(level) do |*parts|
          message = parts.map { |p| p.is_a?(String) ? p : p.inspect }.join(' ')
          @services.notify('faas.log', { 'execution' => Thread.current[:faas_execution], 'level' => level, 'message' => message })
          nil
        end
      end
    end

    class Kv
      def initialize(services)
        @services = services
      end

      def get(key) = @services.request('faas.kv.get', { 'key' => Api.text(key, 'kv.get') })
      def set(key, value) = @services.request('faas.kv.set', { 'key' => Api.text(key, 'kv.set'), 'value' => Api.text(value, 'kv.set') })
      def delete(key) = @services.request('faas.kv.delete', { 'key' => Api.text(key, 'kv.delete') })
      def list(prefix = '') = @services.request('faas.kv.list', { 'prefix' => Api.text(prefix, 'kv.list') })
      alias [] get
      alias []= set
    end

    class Env
      def initialize(services)
        @services = services
      end

      def get(name) = @services.request('faas.env.get', { 'name' => Api.text(name, 'env.get') })
      def set(name, value) = @services.request('faas.env.set', { 'name' => Api.text(name, 'env.set'), 'value' => Api.text(value, 'env.set') })
      def delete(name) = @services.request('faas.env.delete', { 'name' => Api.text(name, 'env.delete') })
      alias [] get
    end
  end

  class << self
    attr_reader :log, :kv, :env

    # Called once by the worker, before any user code.
    def install_services(services)
      @log = Api::Log.new(services)
      @kv = Api::Kv.new(services)
      @env = Api::Env.new(services)
    end

    # The execution of the running call (nil outside one).
    def execution_id = Thread.current[:faas_execution]
  end
end
