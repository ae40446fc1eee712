module github.com/treatybot/treatybot

go 1.25.0

require github.com/blevesearch/go-porterstemmer v1.0.3
