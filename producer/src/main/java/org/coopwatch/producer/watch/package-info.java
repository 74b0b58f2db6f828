/**
 * {@code --watch DIR}: {@link org.coopwatch.producer.watch.FolderWatcher} publishes files of a folder as
 * they appear and stop changing, and remembers which it published.
 */
package org.coopwatch.producer.watch;
