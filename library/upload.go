package library

import "fmt"

// CheckUpload refuses a file name or size that Add and Check would refuse
// (ErrBadName, ErrTooLarge against the limit in force), so that a file can
// be refused before it is downloaded at all.
func (l *Library) CheckUpload(name string, size int64) error {
	if err := checkName(name); err != nil {
		return err
	}
	if size > l.cfg.MaxDocBytes {
		return fmt.Errorf("%s is %d bytes, over the limit of %d bytes per file: %w", name, size, l.cfg.MaxDocBytes, ErrTooLarge)
	}
	return nil
}
