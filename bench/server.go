package bench

import (
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/netflix-donation/widget/internal/httpfile"
)

// Request is one response of a [Server], as the client received it.
type Request struct {
	Path     string `json:"path"`
	Status   int    `json:"status"`
	Encoding string `json:"encoding,omitempty"` // Content-Encoding sent: "br", "gzip" or ""
	Bytes    int64  `json:"bytes"`              // body bytes written (encoded size)
}

// Mount maps a URL prefix (ending in "/") to a directory.
type Mount struct {
	Prefix string
	Dir    string
}

// Server is a small static file server for the benchmark. It behaves like
// cmd/serve where it matters for the measurements (application/wasm,
// pre-compressed X.br / X.gz siblings when accepted, ETag with
// Cache-Control: no-cache, so a warm browser revalidates) and, unlike it,
// records the encoded size of every response, which is the download a
// survey page pays. It serves only its mounts; anything else is 404.
type Server struct {
	URL string // base URL, without trailing slash

	mounts []Mount
	srv    *http.Server
	ln     net.Listener

	mu  sync.Mutex
	log []Request
}

// NewServer starts a Server on a free loopback port.
func NewServer(mounts ...Mount) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), mounts: mounts, ln: ln}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Requests returns the responses logged from index i on.
func (s *Server) Requests(i int) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i > len(s.log) {
		i = len(s.log)
	}
	return append([]Request(nil), s.log[i:]...)
}

// Mark returns the index of the next request to be logged.
func (s *Server) Mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// countingWriter counts the body bytes of a response.
type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *countingWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// ServeHTTP serves GET and HEAD requests under the mounts.
func (s *Server) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w := &countingWriter{ResponseWriter: rw}
	s.serve(w, r)
	s.mu.Lock()
	s.log = append(s.log, Request{Path: r.URL.Path, Status: w.status, Encoding: rw.Header().Get("Content-Encoding"), Bytes: w.n})
	s.mu.Unlock()
}

func (s *Server) serve(w *countingWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	file, ok := s.resolve(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	info, err := os.Stat(file)
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	ctype := httpfile.ContentType(file)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	served, servedInfo, enc := file, info, ""
	for _, e := range [...]struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !httpfile.AcceptsEncoding(r.Header.Get("Accept-Encoding"), e.token) {
			continue
		}
		if ci, err := os.Stat(file + e.ext); err == nil && ci.Mode().IsRegular() && !ci.ModTime().Before(info.ModTime()) {
			served, servedInfo, enc = file+e.ext, ci, e.token
			break
		}
	}
	etag := fmt.Sprintf(`"%x-%x%s"`, servedInfo.Size(), servedInfo.ModTime().UnixNano(), enc)
	h.Set("ETag", etag)
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f, err := os.Open(served)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	h.Set("Content-Length", fmt.Sprint(servedInfo.Size()))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		buf := make([]byte, 256<<10)
		for {
			n, err := f.Read(buf)
			if n > 0 {
				if _, werr := w.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
}

// resolve maps a URL path to a file under a mount; dot files and ".."
// segments are refused.
func (s *Server) resolve(urlPath string) (string, bool) {
	for _, m := range s.mounts {
		rest, ok := strings.CutPrefix(urlPath, m.Prefix)
		if !ok {
			continue
		}
		if rest == "" || strings.HasSuffix(rest, "/") {
			rest += "index.html"
		}
		if !fs.ValidPath(rest) {
			return "", false
		}
		for _, seg := range strings.Split(rest, "/") {
			if strings.HasPrefix(seg, ".") {
				return "", false
			}
		}
		return path.Join(m.Dir, rest), true
	}
	return "", false
}
