module demo-hooks/hack/pause

go 1.24.0
