package library

import "fmt"

// CheckUpload refuses a file name or size that Add and Check would refuse
// (ErrBadName, ErrTooLarge), so that a file can be refused before it is
// downloaded at all.
func CheckUpload(name string, size int) error {
	if err := checkName(name); err != nil {
		return err
	}
	if size > MaxFileSize {
		return fmt.Errorf("%s is %d bytes, over the limit of %d (1 MiB): %w", name, size, MaxFileSize, ErrTooLarge)
	}
	return nil
}
