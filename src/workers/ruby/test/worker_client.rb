# frozen_string_literal: true

# Drives the real worker.rb over its stdin/stdout (docs/protocol.md) for the tests; every wait is
# bounded by a timeout.
require 'json'
require 'rbconfig'
require 'timeout'

class WorkerClient
  WORKER = File.expand_path('../worker.rb', __dir__)
  TIMEOUT = 10 # seconds to wait for any single reply

  attr_reader :root

  # With via_parent, the worker is started by a shell that stands for the server (see kill_parent).
  def initialize(root, env = {}, via_parent: false)
    @root = root
    @stderr_path = File.join(Dir.tmpdir, "faas-rb-stderr-#{Process.pid}-#{rand(1 << 30)}")
    in_r, @in = IO.pipe
    @out, out_w = IO.pipe
    command = [RbConfig.ruby, WORKER]
    command = ['sh', '-c', 'exec 3<&0; "$@" <&3 3<&- & wait', 'sh', *command] if via_parent
    @pid = Process.spawn(env, *command, chdir: root, in: in_r, out: out_w, err: [@stderr_path, 'w'])
    in_r.close
    out_w.close
    @in.sync = true
    @lines = Queue.new
    @next_id = 100
    Thread.new do
      @out.each_line { |line| @lines << line }
    rescue IOError
      nil
    ensure
      @lines << nil
    end
  end

  def send_raw(text)
    @in.write(text)
  end

  def request(method, params = nil)
    @next_id += 1
    msg = { 'jsonrpc' => '2.0', 'id' => @next_id, 'method' => method }
    msg['params'] = params unless params.nil?
    send_raw("#{JSON.generate(msg)}\n")
    @next_id
  end

  def recv_raw(timeout = TIMEOUT)
    line = Timeout.timeout(timeout, Timeout::Error, "no reply from the worker within #{timeout}s") { @lines.pop }
    raise "worker closed stdout; stderr:\n#{log}" if line.nil?

    line
  end

  # The next stdout line, which must be one JSON-RPC 2.0 response and nothing else.
  def recv(timeout = TIMEOUT)
    line = recv_raw(timeout)
    raise "not one line: #{line.inspect}" unless line.end_with?("\n")

    msg = JSON.parse(line)
    raise "not a response: #{line}" unless msg['jsonrpc'] == '2.0' && msg.key?('id')
    raise "result xor error: #{line}" unless msg.key?('result') ^ msg.key?('error')

    msg
  end

  def reply_to(rid)
    msg = recv
    raise "expected a reply to #{rid}, got #{msg}" unless msg['id'] == rid

    msg
  end

  def load(scripts)
    params = { 'root' => @root, 'scripts' => scripts.map { |s| { 'name' => s, 'path' => File.join(@root, s) } } }
    reply_to(request('load', params))
  end

  def start_call(name, args = nil, kwargs = nil)
    params = { 'name' => name }
    params['args'] = args unless args.nil?
    params['kwargs'] = kwargs unless kwargs.nil?
    request('call', params)
  end

  def call(name, args = nil, kwargs = nil)
    reply_to(start_call(name, args, kwargs))
  end

  # Closes stdin (the stop signal) and returns the exit code.
  def close(timeout = TIMEOUT)
    @in.close
    Timeout.timeout(timeout) { Process.wait2(@pid)[1].exitstatus }
  end

  # Kills the worker's parent (as kill -9 of the server would): the worker is re-parented.
  def kill_parent
    Process.kill('KILL', @pid)
    Process.wait(@pid)
  end

  # Closes stdin and waits until the worker closes stdout (it exited); true if it did within timeout.
  def close_and_wait_for_exit(timeout = TIMEOUT)
    @in.close
    Timeout.timeout(timeout) { nil until @lines.pop.nil? }
    true
  rescue Timeout::Error
    false
  end

  def log
    File.exist?(@stderr_path) ? File.read(@stderr_path) : ''
  end

  def kill
    begin
      Process.kill('KILL', @pid)
      Timeout.timeout(TIMEOUT) { Process.wait(@pid) }
    rescue Errno::ESRCH, Errno::ECHILD
      nil
    end
    [@in, @out].each { |io| io.close unless io.closed? }
    File.delete(@stderr_path) if File.exist?(@stderr_path)
  end
end
