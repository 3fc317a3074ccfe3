#include "yaml_events.h"
#include <yaml.h>

long yaml_events_count(const unsigned char *bytes, size_t length) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return -1;
  yaml_parser_set_input_string(&parser, bytes, length);
  long n = 0;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      n = -1;
      break;
    }
    int done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    n += 1;
    if (done) break;
  }
  yaml_parser_delete(&parser);
  return n;
}
