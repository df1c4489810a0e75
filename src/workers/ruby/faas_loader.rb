# frozen_string_literal: true

# Loading user scripts and describing their top-level methods in MetaCall terms
# (docs/protocol.md), and binding a call's args / kwargs to a method's parameters.
module Faas
  ANY = { 'name' => '', 'id' => 20 }.freeze
  # The receiver of top-level methods: `main`, as when the script runs on its own.
  MAIN = TOPLEVEL_BINDING.receiver
  # A name a URL can call: no setters (`x=`) or operators.
  CALLABLE_NAME = /\A[A-Za-z][A-Za-z0-9_]*[?!]?\z/.freeze

  # A script could not be loaded; the message names the script and the cause.
  class ScriptLoadError < StandardError
    attr_reader :type_name, :original

    def initialize(message, type_name, original)
      super(message)
      @type_name = type_name
      @original = original
    end
  end

  # One exported method: captured unbound at load time, so a later script redefining the name
  # does not change what calls reach (the first script defining a name wins).
  Function = Struct.new(:name, :method, :params)

  module Loader
    module_function

    # Loads the scripts of a `load` request. Returns [handles for the reply, [Function...]].
    # Bad params raise ArgumentError; a script that fails to load raises ScriptLoadError.
    def load_scripts(params)
      scripts, root, import_paths = parse(params)
      setup_bundler
      extend_load_path(scripts, root, import_paths)
      handles = []
      table = []
      scripts.each do |script|
        begin
          load_script(script['path'])
        rescue Exception => e # SyntaxError, exit... are load errors too
          raise ScriptLoadError.new("#{script['name']}: #{e.class}: #{Faas.exc_message(e)}", e.class.name, e)
        end
        funcs = exported(script['path'])
        table.concat(funcs)
        handles << { 'name' => script['name'], 'funcs' => funcs.map { |f| describe(f) } }
      end
      [handles, table]
    end

    def parse(params)
      raise ArgumentError, 'params must be an object' unless params.is_a?(Hash)

      scripts = params.fetch('scripts').map do |s|
        path = File.expand_path(String(s.fetch('path')))
        name = s['name'].is_a?(String) && !s['name'].empty? ? s['name'] : File.basename(path)
        { 'name' => name, 'path' => path }
      end
      root = params['root'] && String(params['root'])
      [scripts, root, Array(params['importPaths']).map { |p| String(p) }]
    rescue KeyError, TypeError, NoMethodError, ArgumentError => e
      raise ArgumentError, "load needs params.scripts as [{name, path}]: #{e.message}"
    end

    # With BUNDLE_GEMFILE set (the app has a Gemfile; the server installed its gems under
    # BUNDLE_PATH), the scripts see exactly the bundle's gems, as under `bundle exec`.
    def setup_bundler
      gemfile = ENV.fetch('BUNDLE_GEMFILE', '')
      return if gemfile.empty? || !File.file?(gemfile)

      begin
        require 'bundler/setup'
      rescue Exception => e # Bundler exits on a missing gem
        raise ScriptLoadError.new("#{File.basename(gemfile)}: #{e.class}: #{Faas.exc_message(e)}", e.class.name, e)
      end
    end

    # Script folders, then the app root, then importPaths go last on $LOAD_PATH, so scripts can
    # `require` their neighbours by name, but an app file never shadows a gem or the standard
    # library (a script called shout.rb can still `require 'shout'`, the gem).
    def extend_load_path(scripts, root, import_paths)
      wanted = scripts.map { |s| File.dirname(s['path']) }
      wanted << root if root
      wanted.concat(import_paths)
      added = wanted.map { |p| File.expand_path(p) }.uniq - $LOAD_PATH
      $LOAD_PATH.concat(added)
    end

    # `require` by absolute path, so a script another script already required (require_relative)
    # runs once, as it would without the worker; files not ending in .rb are `load`ed.
    def load_script(path)
      path.end_with?('.rb') ? Kernel.require(path) : Kernel.load(path)
    end

    # The top-level methods the script itself defines (not ones from files it required), public
    # names only (no leading `_`), in definition order.
    def exported(path)
      real = real_path(path)
      names = Object.private_instance_methods(false) + Object.public_instance_methods(false)
      found = names.filter_map do |name|
        next unless CALLABLE_NAME.match?(name.to_s)

        method = Object.instance_method(name)
        file, line = method.source_location
        next unless file && real_path(file) == real

        [line, Function.new(name.to_s, method, method.parameters.reject { |kind, _| kind == :block })]
      end
      found.sort_by(&:first).map(&:last)
    end

    def real_path(path)
      File.realpath(path)
    rescue SystemCallError
      File.expand_path(path)
    end

    def describe(func)
      args = func.params.each_with_index.map do |(_, name), i|
        { 'name' => param_name(name, i), 'type' => ANY }
      end
      { 'name' => func.name, 'async' => false, 'signature' => { 'ret' => { 'type' => ANY }, 'args' => args } }
    end

    # Anonymous parameters (`*`, `**`) are named by their position.
    def param_name(name, index)
      name.nil? || %i[* ** &].include?(name) ? "arg#{index}" : name.to_s
    end

    # [positional, keywords] for a call, or raises ArgumentError naming what does not fit.
    # kwargs naming a positional parameter go to its position (nil fills any gap before it);
    # the others are passed as keywords.
    def bind(func, args, kwargs)
      positional = args.dup
      keywords = {}
      kinds = func.params
      kwargs&.each do |key, value|
        index = kinds.index { |kind, name| %i[req opt].include?(kind) && name.to_s == key }
        if index
          raise ArgumentError, "got multiple values for argument '#{key}'" if index < args.size

          positional[index] = value
        else
          keywords[key.to_sym] = value
        end
      end
      check_arity(kinds, positional.size, keywords)
      [positional, keywords]
    end

    def check_arity(kinds, given, keywords)
      required = kinds.count { |kind, _| kind == :req }
      optional = kinds.count { |kind, _| kind == :opt }
      if given < required || (given > required + optional && kinds.none? { |kind, _| kind == :rest })
        expected = optional.zero? ? required.to_s : "#{required}..#{required + optional}"
        expected += '+' if kinds.any? { |kind, _| kind == :rest }
        raise ArgumentError, "wrong number of arguments (given #{given}, expected #{expected})"
      end
      missing = kinds.select { |kind, name| kind == :keyreq && !keywords.key?(name) }.map { |_, n| n }
      raise ArgumentError, "missing keyword: #{missing.map(&:inspect).join(', ')}" unless missing.empty?
      return if kinds.any? { |kind, _| kind == :keyrest }

      known = kinds.select { |kind, _| %i[key keyreq].include?(kind) }.map { |_, n| n }
      unknown = keywords.keys - known
      raise ArgumentError, "unknown keyword: #{unknown.map(&:inspect).join(', ')}" unless unknown.empty?
    end
  end
end
