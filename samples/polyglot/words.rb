# frozen_string_literal: true

# Faas sample: one app, three languages. Ruby exports reverse_words and word_count.

def reverse_words(text)
  text.split.reverse.join(' ')
end

def word_count(text)
  text.split.tally
end
