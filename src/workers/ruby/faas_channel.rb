# frozen_string_literal: true

# The output side of the worker protocol (docs/protocol.md): every reply is one compact JSON
# object on one line, written with a single write under a mutex, so replies from call threads
# never interleave.
require 'json'

module Faas
  USER_ERROR = -32_000
  NOT_SERIALISABLE = -32_002
  PARSE_ERROR = -32_700
  INVALID_REQUEST = -32_600
  METHOD_NOT_FOUND = -32_601
  INVALID_PARAMS = -32_602
  INTERNAL_ERROR = -32_603

  # Raised while checking a result that JSON cannot represent faithfully.
  class NotSerialisable < StandardError; end

  def self.exc_message(exc)
    text = exc.message.to_s
    text.empty? ? exc.class.name.to_s : text
  rescue Exception # a user #message may raise anything
    exc.class.name.to_s
  end

  HERE = __dir__

  # Writes a traceback to the app log (stderr) in one write, so threads do not interleave.
  # The worker's own frames are left out: the log is for the app's author.
  def self.log_exception(exc, context)
    frames = (exc.backtrace || []).reject { |l| File.expand_path(l.split(':', 2).first).start_with?("#{HERE}/") }
    lines = frames.map { |l| "  #{l}\n" }.join
    $stderr.write("#{context}#{exc.class}: #{exc_message(exc)}\n#{lines}")
  rescue StandardError
    nil
  end

  # The protocol's stdout: a private duplicate of the original fd 1.
  class Channel
    # json's fallback Object#to_json (to_s as a string) lives in these modules: an object that only
    # has that one is not data, so it is refused like Python's json.dumps refuses it.
    GENERIC_TO_JSON = 'JSON::Ext::Generator::GeneratorMethods'

    def initialize(io)
      @io = io
      @mutex = Mutex.new
      @broken = false
    end

    def send_line(text)
      @mutex.synchronize { @io.write(text) }
    rescue IOError, SystemCallError => e # the server is gone: nobody is left to tell
      unless @broken
        @broken = true
        Faas.log_exception(e, "faas worker: cannot write replies\n")
      end
    end

    # The JSON of a result, or an error reply when it has none.
    def result(rid, value, name = 'function')
      return if rid.equal?(NOTIFICATION)

      begin
        check(value, 0)
        body = JSON.generate(value)
      rescue NotSerialisable, JSON::GeneratorError, JSON::NestingError, EncodingError => e
        error(rid, NOT_SERIALISABLE, "The result of '#{name}' is not JSON-serialisable: #{Faas.exc_message(e)}",
              e.is_a?(NotSerialisable) ? 'TypeError' : e.class.name)
        return
      end
      raw_result(rid, body)
    end

    def raw_result(rid, body)
      send_line(%({"jsonrpc":"2.0","id":#{JSON.generate(rid)},"result":#{body}}\n)) unless rid.equal?(NOTIFICATION)
    end

    def error(rid, code, message, type_name = nil, stack = nil)
      return if rid.equal?(NOTIFICATION)

      err = { 'code' => code, 'message' => message.to_s.scrub }
      err['data'] = { 'type' => type_name } if type_name
      err['data']['stack'] = stack if type_name && stack
      send_line(%({"jsonrpc":"2.0","id":#{JSON.generate(rid)},"error":#{JSON.generate(err)}}\n))
    end

    # -32000 for an exception raised by user code.
    # The backtrace travels in data.stack for the execution record (where in the app's files it was raised).
    def exception(rid, exc)
      stack = (exc.backtrace || []).first(50).join("\n").scrub
      error(rid, USER_ERROR, Faas.exc_message(exc), exc.class.name || 'Exception', stack)
    rescue StandardError
      error(rid, USER_ERROR, Faas.exc_message(exc), exc.class.name || 'Exception')
    end

    private

    # Only JSON's own types (symbols as strings), or objects with a to_json of their own.
    def check(value, depth)
      raise NotSerialisable, 'nested too deeply' if depth > 100

      case value
      when nil, true, false, Integer, String, Symbol then nil
      when Float then raise NotSerialisable, "#{value} is not valid JSON" unless value.finite?
      when Array then value.each { |v| check(v, depth + 1) }
      when Hash
        value.each do |k, v|
          raise NotSerialisable, "keys must be strings, not #{k.class}" unless key?(k)

          check(v, depth + 1)
        end
      else
        owner = value.method(:to_json).owner.name.to_s rescue GENERIC_TO_JSON
        raise NotSerialisable, "#{value.class} is not JSON serializable" if owner.start_with?(GENERIC_TO_JSON)
      end
    end

    def key?(key)
      case key
      when String, Symbol, Integer, Float, true, false, nil then true
      else false
      end
    end
  end

  # Marks a request without an "id" (a JSON-RPC notification): it gets no reply.
  NOTIFICATION = Object.new.freeze
end
