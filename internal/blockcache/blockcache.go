// Package blockcache wraps an [io.ReaderAt] with a small cache of
// fixed-size blocks, so that many small reads at nearby offsets cost few
// reads of the underlying source.
//
// It exists for the browser: there, each read of the participant's file is
// a synchronous FileReaderSync call that crosses from Go into JavaScript,
// and archive/zip and bufio issue many small reads. A few 1 MiB blocks turn
// thousands of such calls into a handful, while the Go heap holds only the
// blocks, never the whole file.
package blockcache

import (
	"errors"
	"fmt"
	"io"
	"sync"
)

// DefaultBlockSize and DefaultBlocks are the sizes New uses for zero arguments.
const (
	DefaultBlockSize = 1 << 20
	DefaultBlocks    = 4
)

// ErrOffset is returned for a negative read offset.
var ErrOffset = errors.New("blockcache: negative offset")

// ReaderAt is an io.ReaderAt over the first size bytes of an underlying
// io.ReaderAt, caching the most recently used blocks. It is safe for
// concurrent use.
type ReaderAt struct {
	r         io.ReaderAt
	size      int64
	blockSize int64
	maxBlocks int

	mu     sync.Mutex
	blocks []*block // most recently used first; len <= maxBlocks
}

// block is one cached block: the bytes at [index*blockSize, index*blockSize+len(data)).
type block struct {
	index int64
	data  []byte
}

// New returns a ReaderAt reading the first size bytes of r through a cache
// of at most maxBlocks blocks of blockSize bytes. Zero or negative
// blockSize or maxBlocks take DefaultBlockSize and DefaultBlocks.
func New(r io.ReaderAt, size int64, blockSize, maxBlocks int) *ReaderAt {
	if blockSize <= 0 {
		blockSize = DefaultBlockSize
	}
	if maxBlocks <= 0 {
		maxBlocks = DefaultBlocks
	}
	if size < 0 {
		size = 0
	}
	return &ReaderAt{r: r, size: size, blockSize: int64(blockSize), maxBlocks: maxBlocks}
}

// Size returns the size of the data, as given to New.
func (c *ReaderAt) Size() int64 { return c.size }

// ReadAt implements io.ReaderAt. It reads len(p) bytes at off, or fewer with
// io.EOF when the data ends first. An error of the underlying reader is
// returned as is (wrapped), and the failed block is not cached.
func (c *ReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, ErrOffset
	}
	if off >= c.size {
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for n < len(p) && off < c.size {
		b, err := c.block(off / c.blockSize)
		if err != nil {
			return n, err
		}
		k := copy(p[n:], b.data[off-b.index*c.blockSize:])
		n += k
		off += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// block returns the cached block with the given index, reading it on a
// miss and evicting the least recently used block when the cache is full.
// The caller holds c.mu.
func (c *ReaderAt) block(index int64) (*block, error) {
	for i, b := range c.blocks {
		if b.index == index {
			copy(c.blocks[1:i+1], c.blocks[:i])
			c.blocks[0] = b
			return b, nil
		}
	}
	start := index * c.blockSize
	length := min(c.blockSize, c.size-start)
	var data []byte
	if len(c.blocks) == c.maxBlocks {
		// Reuse the evicted block's memory when it is big enough.
		last := c.blocks[len(c.blocks)-1]
		c.blocks = c.blocks[:len(c.blocks)-1]
		if int64(cap(last.data)) >= length {
			data = last.data[:length]
		}
	}
	if data == nil {
		data = make([]byte, length)
	}
	m, err := c.r.ReadAt(data, start)
	if int64(m) < length {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("blockcache: reading %d bytes at %d: %w", length, start, err)
	}
	b := &block{index: index, data: data}
	c.blocks = append(c.blocks, nil)
	copy(c.blocks[1:], c.blocks)
	c.blocks[0] = b
	return b, nil
}
