// Command tlogverify checks an imtahan transparency log with Go's own golang.org/x/mod/sumdb
// packages, an implementation we did not write: the checkpoint's signature (note), the tree
// hash from the tiles, every entry's inclusion and the consistency of every earlier checkpoint
// (tlog), and that the server's JSON proofs agree. With -witness keys it also checks the witnesses'
// C2SP cosignature/v1 lines on the checkpoint with crypto/ed25519, through note.Open.
//
// Usage: tlogverify [-witness <cosigner vkey>]... [-quorum N] <base URL> [<verifier key>]
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string

func get(path string) []byte {
	resp, err := http.Get(base + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		fail("GET %s: HTTP %d %v", path, resp.StatusCode, err)
	}
	return body
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

// tiles serves tlog's tile reads from the C2SP tlog-tiles paths, which drop Go's height element.
// Tiles are immutable, so each is fetched once.
type tiles struct{ cache map[string][]byte }

func (tiles) Height() int                     { return 8 }
func (tiles) SaveTiles([]tlog.Tile, [][]byte) {}
func (r tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, t := range ts {
		// Go writes tile/8/<L>/<N>[.p/<W>]; C2SP is tile/<L>/<N>[.p/<W>].
		path := strings.TrimPrefix(t.Path(), "tile/8/")
		if _, ok := r.cache[path]; !ok {
			r.cache[path] = get("/log/tile/" + path)
		}
		out[i] = r.cache[path]
	}
	return out, nil
}

// cosigner verifies C2SP tlog-cosignature cosignature/v1 lines: note hands Verify the checkpoint text
// and the signature bytes after the key ID (an 8-byte big-endian timestamp, then the Ed25519 signature).
type cosigner struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (c cosigner) Name() string    { return c.name }
func (c cosigner) KeyHash() uint32 { return c.hash }
func (c cosigner) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	signed := fmt.Sprintf("cosignature/v1\ntime %d\n%s", binary.BigEndian.Uint64(sig[:8]), msg)
	return ed25519.Verify(c.key, []byte(signed), sig[8:])
}

// parseCosigner reads <name>+<hex key ID>+<base64(0x04 || key)> and checks the key ID.
func parseCosigner(vkey string) cosigner {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("witness key %q: malformed", vkey)
	}
	id, err1 := hex.DecodeString(parts[1])
	key, err2 := base64.StdEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || len(id) != 4 || len(key) != 1+ed25519.PublicKeySize || key[0] != 0x04 {
		fail("witness key %q: not a cosignature/v1 Ed25519 key", vkey)
	}
	h := sha256.New()
	h.Write([]byte(parts[0] + "\n"))
	h.Write(key)
	if sum := h.Sum(nil); string(sum[:4]) != string(id) {
		fail("witness key %q: key ID does not match", vkey)
	}
	return cosigner{name: parts[0], hash: binary.BigEndian.Uint32(id), key: ed25519.PublicKey(key[1:])}
}

type keyList []string

func (k *keyList) String() string     { return strings.Join(*k, ",") }
func (k *keyList) Set(v string) error { *k = append(*k, v); return nil }

func parseHashes(list []string) []tlog.Hash {
	hashes := make([]tlog.Hash, len(list))
	for i, s := range list {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != tlog.HashSize {
			fail("bad hash %q", s)
		}
		copy(hashes[i][:], b)
	}
	return hashes
}

func parseCheckpoint(text string) (string, int64, tlog.Hash) {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 {
		fail("checkpoint has too few lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	return lines[0], size, parseHashes([]string{lines[2]})[0]
}

func main() {
	var witnessKeys keyList
	flag.Var(&witnessKeys, "witness", "a witness's cosignature/v1 verifier key (repeatable)")
	quorum := flag.Int("quorum", -1, "cosignatures required (default: every -witness)")
	flag.Parse()
	if flag.NArg() < 1 {
		fail("usage: tlogverify [-witness <vkey>]... [-quorum N] <base URL> [<verifier key>]")
	}
	base = strings.TrimRight(flag.Arg(0), "/")
	vkey := strings.TrimSpace(string(get("/log/verifier-key")))
	if flag.NArg() > 1 {
		vkey = flag.Arg(1)
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	verifiers := []note.Verifier{verifier}
	for _, k := range witnessKeys {
		verifiers = append(verifiers, parseCosigner(k))
	}
	if *quorum < 0 {
		*quorum = len(witnessKeys)
	}
	// note.Open rejects the note if any signature by a known key (the log's or a witness's) does not verify.
	opened, err := note.Open(get("/log/checkpoint"), note.VerifierList(verifiers...))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	cosigned := 0
	for _, sig := range opened.Sigs {
		if sig.Hash != verifier.KeyHash() || sig.Name != verifier.Name() {
			cosigned++
		}
	}
	if cosigned < *quorum {
		fail("checkpoint has %d valid witness cosignatures, %d required", cosigned, *quorum)
	}
	origin, size, root := parseCheckpoint(opened.Text)
	if origin != verifier.Name() {
		fail("origin %q is not the key name %q", origin, verifier.Name())
	}

	reader := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, tiles{cache: map[string][]byte{}})
	treeHash, err := tlog.TreeHash(size, reader)
	if err != nil || treeHash != root {
		fail("tree hash from tiles: %v (got %v, checkpoint %v)", err, treeHash, root)
	}

	// Every entry, read from the C2SP entry bundles (uint16 length, then the bytes), is proved from the tiles.
	for bundle := int64(0); bundle*256 < size; bundle++ {
		width := size - bundle*256
		if width > 256 {
			width = 256
		}
		path := strings.TrimPrefix(tlog.Tile{H: 8, L: 0, N: bundle, W: int(width)}.Path(), "tile/8/0/")
		data := get("/log/tile/entries/" + path)
		for k := int64(0); k < width; k++ {
			if len(data) < 2 || len(data) < 2+int(data[0])<<8|int(data[1]) {
				fail("entry bundle %d is truncated", bundle)
			}
			n := int(data[0])<<8 | int(data[1])
			entry := data[2 : 2+n]
			data = data[2+n:]
			i := bundle*256 + k
			proof, err := tlog.ProveRecord(size, i, reader)
			if err != nil {
				fail("entry %d: ProveRecord: %v", i, err)
			}
			if err := tlog.CheckRecord(proof, size, root, i, tlog.RecordHash(entry)); err != nil {
				fail("entry %d: CheckRecord (tiles): %v", i, err)
			}
		}
		if len(data) != 0 {
			fail("entry bundle %d has trailing bytes", bundle)
		}
	}

	// The server's own JSON inclusion proofs, for a spread of entries.
	for i := int64(0); i < size; i += size/40 + 1 {
		var entry struct {
			EntryText      string   `json:"entryText"`
			InclusionProof []string `json:"inclusionProof"`
			Checkpoint     struct {
				Size int64 `json:"size"`
			} `json:"checkpoint"`
		}
		if err := json.Unmarshal(get(fmt.Sprintf("/api/log/entries/%d", i)), &entry); err != nil {
			fail("entry %d: %v", i, err)
		}
		if entry.Checkpoint.Size != size {
			fail("entry %d: proved against size %d, expected %d", i, entry.Checkpoint.Size, size)
		}
		record := tlog.RecordHash([]byte(entry.EntryText))
		if err := tlog.CheckRecord(tlog.RecordProof(parseHashes(entry.InclusionProof)), size, root, i, record); err != nil {
			fail("entry %d: CheckRecord (server's proof): %v", i, err)
		}
	}

	var checkpoints struct {
		Items []struct {
			Size     int64  `json:"size"`
			RootHash string `json:"rootHash"`
			Note     string `json:"note"`
		} `json:"items"`
	}
	if err := json.Unmarshal(get("/api/log/checkpoints?limit=100"), &checkpoints); err != nil {
		fail("checkpoints: %v", err)
	}
	for _, old := range checkpoints.Items {
		if _, err := note.Open([]byte(old.Note), note.VerifierList(verifier)); err != nil {
			fail("checkpoint %d signature: %v", old.Size, err)
		}
		oldHash := parseHashes([]string{old.RootHash})[0]
		proof, err := tlog.ProveTree(size, old.Size, reader)
		if err != nil {
			fail("ProveTree %d→%d: %v", old.Size, size, err)
		}
		if err := tlog.CheckTree(proof, size, root, old.Size, oldHash); err != nil {
			fail("checkpoint %d is not consistent with %d: %v", old.Size, size, err)
		}
		var served struct {
			Proof []string `json:"proof"`
		}
		if err := json.Unmarshal(get(fmt.Sprintf("/api/log/consistency?from=%d&to=%d", old.Size, size)), &served); err != nil {
			fail("consistency %d→%d: %v", old.Size, size, err)
		}
		if old.Size < size {
			if err := tlog.CheckTree(tlog.TreeProof(parseHashes(served.Proof)), size, root, old.Size, oldHash); err != nil {
				fail("server's consistency proof %d→%d: %v", old.Size, size, err)
			}
		}
	}
	fmt.Printf("OK %d entries, %d checkpoints verified with golang.org/x/mod/sumdb, and %d witness cosignatures\n", size, len(checkpoints.Items), cosigned)
}
