module go-needs-module

go 1.19

require github.com/example/nowhere v1.2.3
