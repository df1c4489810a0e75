# frozen_string_literal: true

require 'faas'

# The HTTP-handler contract sample (Ruby): the same routes as the node, ts, py and cs samples.
def handler(ctx, event)
  route = event['relativePath']
  case route
  when '/json'
    {
      'statusCode' => 201,
      'headers' => { 'X-Custom' => 'yes' },
      'body' => {
        'method' => event['method'], 'path' => event['path'], 'relativePath' => route,
        'name' => event['query']['name'], 'tags' => event['multiQuery']['tag'] || [],
        'header' => event['headers']['x-test'],
        'executionId' => ctx['executionId'], 'functionId' => ctx['functionId'], 'functionName' => ctx['functionName'],
        'version' => ctx['version'], 'trigger' => ctx['trigger'], 'startedAt' => ctx['startedAt'], 'baseUrl' => ctx['baseUrl']
      }
    }
  when '/text' then { 'body' => "hello #{event['query']['name'] || 'world'}" }
  when '/html' then { 'headers' => { 'Content-Type' => 'text/html' }, 'body' => '<b>hi</b>' }
  when '/binary' then { 'isBase64Encoded' => true, 'body' => 'AAEC/w==' }
  when '/echo'
    { 'body' => { 'method' => event['method'], 'body' => event['body'], 'isBase64Encoded' => event['isBase64Encoded'] } }
  when '/status' then { 'statusCode' => 418, 'body' => 'teapot' }
  when '/throw' then raise 'handler exploded'
  when '/log'
    Faas.log.info('handler logged')
    puts 'handler printed'
    { 'body' => 'logged' }
  when '/bad' then 42
  else { 'statusCode' => 404, 'body' => { 'error' => "no route #{route}" } }
  end
end
