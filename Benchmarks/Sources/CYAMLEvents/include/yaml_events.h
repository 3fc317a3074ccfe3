#ifndef YAML_EVENTS_H
#define YAML_EVENTS_H
#include <stddef.h>

/// Parses `length` bytes with libyaml's event API and discards every event: the plain libyaml
/// loop the registry's YAML layer is measured against. Returns the event count, or -1 on a
/// parse error.
long yaml_events_count(const unsigned char *bytes, size_t length);

#endif
