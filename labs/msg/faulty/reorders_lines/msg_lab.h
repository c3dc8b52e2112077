/* Lab "msg", reference solution: the message both programs exchange. */
#ifndef MSG_LAB_H
#define MSG_LAB_H
#define LINE_TYPE 1
#define LINE_MAX_BYTES 1024
struct line_msg {
    long mtype;
    char text[LINE_MAX_BYTES];
};
#define QUEUE_KEY_PATH "."
#define QUEUE_KEY_ID 'M'
#endif
