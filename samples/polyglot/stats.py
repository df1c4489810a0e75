"""Faas sample: one app, three languages. Python exports mean and describe."""


def mean(values):
    return sum(values) / len(values)


def describe():
    # Shadowed: the Node.js describe owns the name (its manifest is read first).
    return "py"
