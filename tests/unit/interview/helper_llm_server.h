/* helper_llm_server.h - a loopback HTTP/1.1 server thread for the LLM
 * provider tests. It plays a script: the Nth request gets the Nth reply
 * (status, extra headers, body written whole or in small timed chunks, or
 * no answer at all until the client gives up). Requests past the script get
 * HTTP 500. It records every request so tests can check what was sent.
 *
 * One server per test; the script's strings are borrowed and must outlive
 * the requests that use them. All functions are called from the test
 * thread; the server thread only reads the script under a lock. */
#ifndef CANDOR_TEST_HELPER_LLM_SERVER_H
#define CANDOR_TEST_HELPER_LLM_SERVER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct llm_srv_reply {
    int status;
    const char *headers; /* extra "Name: value\r\n" lines, or NULL */
    const char *body;
    bool stream;  /* text/event-stream, no Content-Length, close to end */
    size_t chunk; /* write the body this many bytes at a time (0 = whole) */
    int chunk_delay_ms;
    bool hang; /* read the request, then answer nothing */
} llm_srv_reply;

typedef struct llm_srv llm_srv;

llm_srv *llm_srv_start(void);
void llm_srv_script(llm_srv *s, const llm_srv_reply *replies, size_t n);
const char *llm_srv_url(llm_srv *s); /* "http://127.0.0.1:PORT" */
int llm_srv_requests(llm_srv *s);
/* Copy of the Nth request (0-based: headers and body), malloc'd; NULL if none. */
char *llm_srv_request(llm_srv *s, int n);
void llm_srv_stop(llm_srv *s);

#endif
