# frozen_string_literal: true

# Faas Ruby worker: JSON-RPC 2.0 over stdin/stdout, one object per line (docs/protocol.md).
# Run as `ruby worker.rb` with the app folder as the current directory. Standard library only.

# First thing: take the protocol streams off fds 0 and 1 before any other code can touch them.
# fd 1 then points at stderr, so puts, C extensions and child processes all log to stderr;
# fd 0 points at /dev/null, so user code (or its children) cannot swallow our requests.
PROTO_OUT = STDOUT.dup
PROTO_IN = STDIN.dup
STDOUT.reopen(STDERR)
STDIN.reopen(File::NULL)
PROTO_OUT.binmode
PROTO_OUT.sync = true
PROTO_IN.binmode
# Unbuffered, so user output reaches the app log promptly and in order with stderr.
STDOUT.sync = true
STDERR.sync = true

# The server that started us; a different parent later means it died.
PARENT = Process.ppid

require_relative 'faas_channel'
require_relative 'faas_loader'
require_relative 'faas_services'
# `require 'faas'` in user code finds lib/faas.rb (last on the path: an app's own faas.rb would win).
$LOAD_PATH.push(File.join(__dir__, 'lib'))

module Faas
  # Reads requests on the main thread; each call runs on a thread of its own and writes its own
  # reply, so replies go out in completion order.
  class Worker
    def initialize
      @chan = Channel.new(PROTO_OUT)
      @services = Services.new(@chan, PROTO_IN)
      Faas.install_services(@services)
      @funcs = {} # name -> Function
      @calls = 0 # calls in flight
      @calls_lock = Mutex.new
      @calls_done = ConditionVariable.new
    end

    def run
      @services.each_line { |line| dispatch(line) }
    rescue IOError, SystemCallError => e
      Faas.log_exception(e, "faas worker: reading requests failed\n")
    ensure
      # End of input: let the calls in flight finish and reply before exiting, unless the server is
      # gone (we were re-parented): nobody can read the replies, and a call that never returns would
      # keep this process alive for good.
      @calls_lock.synchronize do
        @calls_done.wait(@calls_lock, 0.5) while @calls.positive? && Process.ppid == PARENT
      end
    end

    def dispatch(line)
      begin
        msg = JSON.parse(line.force_encoding(Encoding::UTF_8))
      rescue JSON::ParserError, EncodingError => e
        @chan.error(nil, PARSE_ERROR, "Parse error: #{e.message}") unless line.strip.empty?
        return
      end
      unless msg.is_a?(Hash)
        @chan.error(nil, INVALID_REQUEST, 'Invalid Request: not an object')
        return
      end
      rid = msg.key?('id') ? msg['id'] : NOTIFICATION
      method = msg['method']
      # The server's answer to one of our own requests (kv, env).
      return @services.on_reply(msg) if method.nil? && rid.is_a?(String)

      begin
        case method
        when 'call' then call(rid, msg['params'])
        when 'ping' then @chan.raw_result(rid, '"pong"')
        when 'load' then load(rid, msg['params'])
        else @chan.error(rid, METHOD_NOT_FOUND, "Method '#{method}' not found")
        end
      rescue StandardError => e # a bug of ours must not stop the worker reading requests
        Faas.log_exception(e, "faas worker: #{method} failed\n")
        @chan.error(rid, INTERNAL_ERROR, "Internal error: #{e.message}", e.class.name)
      end
    end

    # Runs on the main thread, before any call: user code may expect the main thread.
    def load(rid, params)
      handles, table = Loader.load_scripts(params)
      # The first script defining a name wins, like the first folder on $LOAD_PATH.
      table.each { |f| @funcs[f.name] ||= f }
      @chan.result(rid, { 'handles' => handles }, 'load')
    rescue ArgumentError => e
      @chan.error(rid, INVALID_PARAMS, e.message)
    rescue Faas::ScriptLoadError => e
      Faas.log_exception(e.original, "faas worker: #{e.message}\n")
      @chan.error(rid, USER_ERROR, e.message, e.type_name)
    end

    def call(rid, params)
      unless params.is_a?(Hash) && params['name'].is_a?(String)
        @chan.error(rid, INVALID_PARAMS, 'call needs params.name (a string)')
        return
      end
      name = params['name']
      func = @funcs[name]
      unless func
        @chan.error(rid, METHOD_NOT_FOUND, "Function '#{name}' not found")
        return
      end
      args = params['args'] || []
      kwargs = params['kwargs']
      unless args.is_a?(Array) && (kwargs.nil? || kwargs.is_a?(Hash))
        @chan.error(rid, INVALID_PARAMS, 'args must be an array and kwargs an object')
        return
      end
      begin
        positional, keywords = Loader.bind(func, args, kwargs)
      rescue ArgumentError => e
        @chan.error(rid, INVALID_PARAMS, "#{name}: #{e.message}", 'ArgumentError')
        return
      end
      @calls_lock.synchronize { @calls += 1 }
      execution = params['execution']
      Thread.new do
        Thread.current[:faas_execution] = execution.is_a?(String) ? execution : nil
        run_call(rid, func, positional, keywords)
      end
    end

    def run_call(rid, func, positional, keywords)
      begin
        result = func.method.bind_call(MAIN, *positional, **keywords)
      rescue Exception => e # exit / raise of anything is an error reply too
        Faas.log_exception(e, "faas worker: #{func.name} raised\n")
        @chan.exception(rid, e)
        return
      end
      @chan.result(rid, result, func.name)
    ensure
      @calls_lock.synchronize do
        @calls -= 1
        @calls_done.broadcast if @calls.zero?
      end
    end
  end
end

# Ctrl+C in the server's terminal reaches us too: the server decides when we stop (it closes
# stdin). A Ruby handler, unlike IGNORE, is not inherited by user child processes.
trap('INT') {}
Thread.report_on_exception = false
Faas::Worker.new.run
# Exit without waiting for threads (or at_exit hooks) user code may have left: our work is done.
STDERR.flush
exit!(0)
