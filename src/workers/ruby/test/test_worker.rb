# frozen_string_literal: true

# End-to-end tests of the Ruby worker: spawn the real worker.rb and speak docs/protocol.md.
# Run: ruby src/workers/ruby/test/test_worker.rb
require 'fileutils'
require 'minitest/autorun'
require 'tmpdir'
require_relative 'worker_client'

class TestWorker < Minitest::Test
  SAMPLES = File.expand_path('../../../../samples', __dir__)
  ANY = { 'name' => '', 'id' => 20 }.freeze

  def setup
    @workers = []
    @dirs = []
  end

  def teardown
    @workers.each(&:kill)
    @dirs.each { |d| FileUtils.rm_rf(d) }
  end

  def app(files)
    root = Dir.mktmpdir('faas-rb-test-')
    @dirs << root
    files.each do |rel, source|
      FileUtils.mkdir_p(File.dirname(File.join(root, rel)))
      File.write(File.join(root, rel), source)
    end
    root
  end

  def worker(root, env = {})
    w = WorkerClient.new(root, env)
    @workers << w
    w
  end

  def basic
    w = worker(File.join(SAMPLES, 'ruby-basic'))
    refute w.load(['functions.rb']).key?('error')
    w
  end

  def test_load_lists_top_level_methods_in_definition_order
    reply = worker(File.join(SAMPLES, 'ruby-basic')).load(['functions.rb'])
    handle = reply['result']['handles'].first
    assert_equal 'functions.rb', handle['name']
    assert_equal %w[add greet fail_with noisy repeat], handle['funcs'].map { |f| f['name'] }
    add = handle['funcs'].first
    assert_equal false, add['async']
    assert_equal({ 'ret' => { 'type' => ANY }, 'args' => [{ 'name' => 'a', 'type' => ANY }, { 'name' => 'b', 'type' => ANY }] },
                 add['signature'])
  end

  def test_calls_positional_and_by_name
    w = basic
    assert_equal 3, w.call('add', [1, 2])['result']
    assert_equal 'Hello, Ada!', w.call('greet', nil, { 'name' => 'Ada' })['result']
    assert_equal 'ababab', w.call('repeat', nil, { 'text' => 'ab', 'times' => 3 })['result']
    assert_equal 'abab', w.call('repeat', ['ab'])['result']
  end

  def test_errors_have_message_and_type
    w = basic
    err = w.call('fail_with', ['boom'])['error']
    stack = err['data'].delete('stack')
    assert_equal({ 'code' => -32_000, 'message' => 'boom', 'data' => { 'type' => 'ArgumentError' } }, err)
    assert_match(%r{ruby-basic/functions\.rb:\d+}, stack) # for the execution record: where it was raised
    assert_equal(-32_601, w.call('nope', [])['error']['code'])
    assert_equal(-32_601, w.reply_to(w.request('frobnicate'))['error']['code'])
    assert_equal(-32_602, w.call('add', [1])['error']['code'])
    assert_equal(-32_602, w.call('repeat', ['a'], { 'bad' => 1 })['error']['code'])
    assert_equal 'pong', w.reply_to(w.request('ping'))['result']
  end

  def test_output_of_user_code_and_children_goes_to_stderr
    root = app('io.rb' => "def talk(x)\n  puts \"said \#{x}\"\n  system('echo child-said')\n  $stdout.write('raw')\n  x\nend\n")
    w = worker(root)
    w.load(['io.rb'])
    assert_equal 'hi', w.call('talk', ['hi'])['result']
    assert_equal 0, w.close
    assert_includes w.log, 'said hi'
    assert_includes w.log, 'child-said'
    assert_includes w.log, 'raw'
  end

  def test_results_are_compact_json_and_unserialisable_ones_are_refused
    root = app('r.rb' => <<~RUBY)
      def nothing; end
      def data; { a: [1, 2.5, 'é', nil, true], 'b' => :sym }; end
      def object; Object.new; end
      def nan; Float::NAN; end
    RUBY
    w = worker(root)
    w.load(['r.rb'])
    w.start_call('data')
    assert_equal %({"a":[1,2.5,"é",null,true],"b":"sym"}), w.recv_raw.strip.sub(/.*"result":(.*)}\z/, '\1')
    assert_nil w.call('nothing')['result']
    assert_equal(-32_002, w.call('object')['error']['code'])
    assert_equal(-32_002, w.call('nan')['error']['code'])
  end

  def test_calls_run_concurrently_and_reply_in_completion_order
    root = app('slow.rb' => "def slow(x, delay)\n  sleep delay\n  x\nend\n")
    w = worker(root)
    w.load(['slow.rb'])
    slow = w.start_call('slow', ['slow', 1.0])
    ids = (0...20).map { |i| w.start_call('slow', [i, 0.05]) }
    fast = (0...20).map { w.recv }
    assert_equal ids.sort, fast.map { |m| m['id'] }.sort
    assert_equal slow, w.recv(5)['id']
  end

  def test_exits_zero_on_eof_after_in_flight_calls
    root = app('slow.rb' => "def slow(x)\n  sleep 0.3\n  x\nend\n")
    w = worker(root)
    w.load(['slow.rb'])
    rid = w.start_call('slow', [7])
    assert_equal 0, w.close
    assert_equal({ 'jsonrpc' => '2.0', 'id' => rid, 'result' => 7 }, w.recv)
  end

  def test_exits_on_eof_with_a_call_running_when_the_server_is_gone
    root = app('stuck.rb' => "def stuck\n  sleep 600\nend\n")
    w = WorkerClient.new(root, {}, via_parent: true)
    @workers << w
    w.load(['stuck.rb'])
    w.start_call('stuck')
    w.kill_parent
    assert w.close_and_wait_for_exit(5), "the worker kept running its call after the server died:\n#{w.log}"
  end

  def test_load_error_names_script_and_cause
    root = app('bad.rb' => "def broken(\n")
    reply = worker(root).load(['bad.rb'])
    assert_equal(-32_000, reply['error']['code'])
    assert_match(/\Abad\.rb: SyntaxError: /, reply['error']['message'])
    assert_equal 'SyntaxError', reply['error']['data']['type']
  end

  def test_only_the_scripts_own_public_methods_and_the_first_definition_wins
    root = app('a.rb' => "require_relative 'helper'\ndef _hidden; end\ndef shared; 'a'; end\ndef only_a; helper; end\n",
               'helper.rb' => "def helper; 'h'; end\n",
               'b.rb' => "def shared; 'b'; end\n")
    w = worker(root)
    handles = w.load(['a.rb', 'b.rb'])['result']['handles']
    assert_equal [%w[shared only_a], %w[shared]], handles.map { |h| h['funcs'].map { |f| f['name'] } }
    assert_equal 'a', w.call('shared')['result']
    assert_equal 'h', w.call('only_a')['result']
    assert_equal(-32_601, w.call('helper')['error']['code'])
  end

  def test_bad_lines_get_protocol_errors
    w = basic
    w.send_raw("not json\n")
    assert_equal({ 'code' => -32_700 }, w.recv['error'].slice('code'))
    w.send_raw("[1]\n")
    assert_equal(-32_600, w.recv['error']['code'])
    assert_equal(-32_602, w.reply_to(w.request('call', { 'name' => 'add', 'args' => 'x' }))['error']['code'])
  end

  def test_bundler_gems_are_found_with_bundle_gemfile
    root = Dir.mktmpdir('faas-rb-gem-')
    @dirs << root
    FileUtils.cp_r(File.join(SAMPLES, 'ruby-gem', '.'), root)
    env = { 'BUNDLE_GEMFILE' => File.join(root, 'Gemfile'), 'BUNDLE_PATH' => File.join(root, '.state', 'ruby'),
            'BUNDLE_APP_CONFIG' => File.join(root, '.state', 'bundle'), 'BUNDLE_SILENCE_ROOT_WARNING' => '1' }
    pid = Process.spawn(env, 'bundle', 'install', '--local', chdir: root, out: File::NULL, err: File::NULL)
    status = Timeout.timeout(60) { Process.wait2(pid)[1] }
    assert status.success?, 'bundle install --local failed'
    w = worker(root, env)
    refute w.load(['shout.rb']).key?('error'), w.log
    assert_equal 'HEY!', w.call('shout', ['hey'])['result']
  end
end
